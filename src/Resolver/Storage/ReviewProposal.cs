using Names.Resolver.Scoring;

namespace Names.Resolver.Storage;

/// <summary>
/// A pair of entities the resolver was unsure about; Status is pending, accepted or rejected. Contributions: the
/// per-feature contributions of the score it was proposed (or last re-scored) with; null when unknown (proposals
/// written before schema version 4).
/// </summary>
public sealed record ReviewProposal(long Id, string EntityA, string EntityB, double Score, string Explanation, string Status, DateTimeOffset Created,
    string? DecidedBy = null, IReadOnlyList<FeatureContribution>? Contributions = null);

public static class ProposalStatus
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
}
