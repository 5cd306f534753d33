using Names.Normalization;

namespace Names.Resolver.Resolution;

/// <summary>
/// The answer for one party of one input row (DESIGN.md resolve output columns plus the cleaned party);
/// <see cref="ExternalIds"/>: the identifiers the entity holds, <c>scheme:value</c> joined with <c>;</c>.
/// </summary>
public sealed record ResolvedParty(
    ResolveInput Input,
    Party Party,
    string GlobalId,
    string EntityKind,
    string Resolution,
    double MatchScore,
    string CanonicalName,
    string NameKey,
    string Explanation = "",
    string Problem = "",
    string ExternalIds = "")
{
    public int PartySeq => Party.PartySeq;
}
