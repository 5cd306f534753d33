namespace Names.Resolver.Resolution;

/// <summary>One answer of <see cref="ResolutionEngine.Lookup"/>: an existing entity and how well the name matches it.</summary>
public sealed record LookupCandidate(string GlobalId, string EntityKind, string CanonicalName, double MatchScore, string Explanation);
