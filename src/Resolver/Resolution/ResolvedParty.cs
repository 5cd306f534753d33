using Names.Normalization;

namespace Names.Resolver.Resolution;

/// <summary>The answer for one party of one input row (DESIGN.md resolve output columns plus the cleaned party).</summary>
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
    string Problem = "")
{
    public int PartySeq => Party.PartySeq;
}
