using Names.Resolver.Resolution;
using Names.Resolver.Scoring;

namespace Names.Resolver.Service;

/// <summary>
/// One existing entity compared with a name: the best-scoring member variant and how the entity's compared members
/// agree (anti-chaining: a link is refused when too many clearly differ).
/// </summary>
public sealed record EntityCandidate(
    string EntityId,
    string Kind,
    string CanonicalName,
    string MatchedVariant,
    double Probability,
    PairScore Score,
    int Compared,
    int Dissenting,
    bool Allowed) : IEntityScore;
