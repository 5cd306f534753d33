namespace Names.Resolver.Review;

/// <summary>
/// One row of the stores' <c>review_decisions</c> table: what a decision did, so that it can be undone exactly (the
/// variants a merge moved, the cannot-link a rejection added; both null/empty when the decision did not add them).
/// </summary>
internal sealed record ReviewDecisionRow(long Id, long ProposalId, string Status, string Actor, DateTimeOffset Time, string? Comment,
    string? SurvivorId = null, string? AbsorbedId = null, IReadOnlyList<long>? MovedVariants = null, string? LinkA = null, string? LinkB = null);
