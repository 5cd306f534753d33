namespace Names.Resolver.Storage;

/// <summary>
/// A decision for <see cref="IRegistryStore.RecordDecisionAsync"/>. Accepted: when SurvivorId/AbsorbedId are set the
/// absorbed entity is merged into the survivor (both must still be active and free of a cannot-link). Rejected: a
/// cannot-link between LinkA and LinkB. Skipped: only recorded.
/// </summary>
public sealed record ReviewDecisionRequest(long ProposalId, string Status, string Actor, string? Comment,
    string? SurvivorId = null, string? AbsorbedId = null, string? LinkA = null, string? LinkB = null);

/// <summary>What <see cref="IRegistryStore.RecordDecisionsAsync"/> did with one request: the decision, or why it was refused.</summary>
public sealed record ReviewDecisionOutcome(ReviewDecisionRequest Request, Review.ReviewDecision? Decision, string? Refusal);
