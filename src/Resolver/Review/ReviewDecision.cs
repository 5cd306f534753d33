namespace Names.Resolver.Review;

/// <summary>
/// One recorded reviewer decision. Status is a <see cref="ReviewDecisionStatus"/>; SurvivorId is set for an accepted
/// proposal (the entity that kept its id).
/// </summary>
public sealed record ReviewDecision(long ProposalId, string Status, string Actor, DateTimeOffset Time, string? Comment, string? SurvivorId);

public static class ReviewDecisionStatus
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Skipped = "skipped";
    public const string Undone = "undone";
}
