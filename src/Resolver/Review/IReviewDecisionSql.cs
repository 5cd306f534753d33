using Names.Resolver.Storage;

namespace Names.Resolver.Review;

/// <summary>
/// The statements <see cref="ReviewDecisionPlan"/> needs from a registry store, each run inside the one transaction the
/// store opened for the decision. The store's own locking lives here: the lock methods must keep a concurrent decider
/// waiting until the transaction ends (SQLite: the transaction is BEGIN IMMEDIATE; PostgreSQL: SELECT ... FOR UPDATE).
/// </summary>
internal interface IReviewDecisionSql
{
    /// <summary>The proposal's two entity ids (as stored) and status, locked; null when there is no such proposal.</summary>
    Task<(string EntityA, string EntityB, string Status)?> LockProposalAsync(long proposalId, CancellationToken ct);

    /// <summary>Which of the ids are active entities, their rows locked.</summary>
    Task<IReadOnlySet<string>> LockActiveEntitiesAsync(IReadOnlyList<string> ids, CancellationToken ct);

    /// <summary>Whether the cannot-link (a, b) exists; a sorts before b (ordinal).</summary>
    Task<bool> CannotLinkExistsAsync(string a, string b, CancellationToken ct);

    /// <summary>Inserts the cannot-link (a, b) unless it exists; true when this call added it.</summary>
    Task<bool> AddCannotLinkAsync(string a, string b, string actor, string reason, DateTimeOffset time, CancellationToken ct);

    Task RemoveCannotLinkAsync(string a, string b, CancellationToken ct);

    /// <summary>Moves every variant of <paramref name="fromEntity"/> to <paramref name="toEntity"/>; the moved ids, ascending.</summary>
    Task<IReadOnlyList<long>> MoveAllVariantsAsync(string fromEntity, string toEntity, CancellationToken ct);

    /// <summary>Moves the given variants to <paramref name="toEntity"/>.</summary>
    Task MoveVariantsAsync(IReadOnlyList<long> variantIds, string toEntity, CancellationToken ct);

    Task MarkAbsorbedAsync(string absorbed, string survivor, CancellationToken ct);

    /// <summary>The survivor an absorbed entity points to, its row locked; null when the entity is not absorbed.</summary>
    Task<string?> LockSurvivorOfAbsorbedAsync(string absorbed, CancellationToken ct);

    Task MarkActiveAsync(string id, CancellationToken ct);

    /// <summary>Sets a proposal decided (status, by whom, when).</summary>
    Task MarkProposalDecidedAsync(long proposalId, string status, string actor, DateTimeOffset time, CancellationToken ct);

    /// <summary>Sets a proposal pending again (no decider).</summary>
    Task MarkProposalPendingAsync(long proposalId, CancellationToken ct);

    /// <summary>Inserts the row (its Id ignored); returns the new row's id.</summary>
    Task<long> InsertDecisionAsync(ReviewDecisionRow row, CancellationToken ct);

    /// <summary>The actor's latest decision that is neither an undo nor undone, locked; null when there is none.</summary>
    Task<ReviewDecisionRow?> LockLatestUndoableDecisionAsync(string actor, CancellationToken ct);

    Task MarkDecisionUndoneAsync(long decisionId, long undoDecisionId, CancellationToken ct);

    /// <summary>Why the two entities may never be one (they hold different identifiers of one scheme), or null.</summary>
    Task<string?> ExternalIdConflictAsync(string a, string b, CancellationToken ct);

    Task AddEventsAsync(IReadOnlyList<RegistryEvent> events, CancellationToken ct);

    /// <summary>Runs <see cref="ReviewQueueRefresh"/> (the queue rows triggers could not follow; also those naming these entities).</summary>
    Task RefreshReviewQueueAsync(IReadOnlyCollection<string> entityIds, CancellationToken ct);
}
