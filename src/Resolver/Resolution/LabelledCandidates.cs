using Names.Resolver.Comparison;

namespace Names.Resolver.Resolution;

/// <summary>
/// Records of labelled rows with the token statistics over all of them, and the candidate pairs among them (indexes
/// into <see cref="Records"/>) labelled match / no match by the truth.
/// </summary>
public sealed record LabelledCandidates(IReadOnlyList<NameRecord> Records, TokenStatistics Tokens, IReadOnlyList<(int A, int B, bool IsMatch)> Pairs);
