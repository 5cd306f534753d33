namespace Names.Resolver.Storage;

/// <summary>
/// Persistent registry of entities, variants, decisions and events, by aggregate (<see cref="IEntityStore"/>,
/// <see cref="IProposalStore"/>, <see cref="IModelStore"/>, <see cref="IEventLog"/>); a caller that needs one asks for
/// that one. Implementations (SQLite, PostgreSQL) must pass the contract tests in Names.Resolver.Tests (RegistryStoreContract).
/// </summary>
public interface IRegistryStore : IEntityStore, IProposalStore, IModelStore, IEventLog, IExternalIdStore, IAsyncDisposable
{
    /// <summary>Schema version currently applied.</summary>
    Task<int> GetSchemaVersionAsync(CancellationToken ct = default);
    /// <summary>Writes a batch atomically (all or nothing).</summary>
    Task ApplyAsync(RegistryBatch batch, CancellationToken ct = default);
    Task<string?> GetMetaAsync(string key, CancellationToken ct = default);
    /// <summary>Erasure, access, read audit and change feed (issue 16).</summary>
    Privacy.IPersonalDataStore PersonalData { get; }
}

/// <summary>Entities and their variants: read, followed to survivors, split.</summary>
public interface IEntityStore
{
    Task<EntityRecord?> GetEntityAsync(string id, CancellationToken ct = default);
    /// <summary>Follows survivors from an absorbed id to the active entity; null when the id was never issued.</summary>
    Task<EntityRecord?> ResolveAsync(string id, CancellationToken ct = default);
    IAsyncEnumerable<EntityRecord> ReadEntitiesAsync(CancellationToken ct = default);
    Task<bool> IdExistsAsync(string id, CancellationToken ct = default);
    IAsyncEnumerable<VariantRecord> ReadVariantsAsync(CancellationToken ct = default);
    Task<IReadOnlyList<VariantRecord>> GetVariantsOfEntityAsync(string entityId, CancellationToken ct = default);
    Task<long> GetMaxVariantIdAsync(CancellationToken ct = default);
    Task<IReadOnlyList<VariantRecord>> GetVariantsAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default);
    /// <summary>Free-text (trigram) search over variant display names; best matches first.</summary>
    Task<IReadOnlyList<VariantRecord>> SearchNamesAsync(string text, int limit, CancellationToken ct = default);
    /// <summary>Moves the given variants to a new entity <paramref name="newEntity"/> (minted by the caller), logs minted + split events.</summary>
    Task SplitAsync(string entityId, IReadOnlyCollection<long> variantIds, EntityRecord newEntity, string actor, string reason, CancellationToken ct = default);
    /// <summary>Aggregates of the entities with these ids (absorbed ones as stored, not followed); unknown ids are left out.</summary>
    Task<IReadOnlyList<EntityFacts>> GetEntityFactsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default);
}

/// <summary>Review proposals, reviewers' decisions on them, and the cannot-links decisions leave.</summary>
public interface IProposalStore
{
    Task AddCannotLinkAsync(string entityA, string entityB, string actor, string reason, CancellationToken ct = default);
    Task<IReadOnlyList<(string A, string B)>> GetCannotLinksAsync(CancellationToken ct = default);
    Task<IReadOnlyList<ReviewProposal>> GetProposalsAsync(string? status, CancellationToken ct = default);
    /// <summary>
    /// Pending proposals passing the query's filter, in queue order (score nearest the boundary first, then the two
    /// entities' variant counts descending, then id; entities followed to their survivors), rows
    /// [<paramref name="offset"/>, offset + <paramref name="limit"/>). Ordered and paged by the database: the cost
    /// follows the page, not the queue.
    /// </summary>
    Task<IReadOnlyList<ReviewProposal>> GetPendingProposalsAsync(PendingProposalQuery query, int offset, int limit, CancellationToken ct = default);
    /// <summary>How many pending proposals pass the query's filter.</summary>
    Task<int> CountPendingProposalsAsync(PendingProposalQuery query, CancellationToken ct = default);
    /// <summary>
    /// Recounts what the store maintains for the review queue (per entity: variant count, countries, source files; per
    /// pending proposal: its entities as they are now and their variants summed) and describes every difference; empty
    /// when all is right.
    /// </summary>
    Task<IReadOnlyList<string>> CheckReviewQueueAsync(CancellationToken ct = default);
    Task<ReviewProposal?> GetProposalAsync(long proposalId, CancellationToken ct = default);
    /// <summary>
    /// Records a reviewer's decision in one transaction under the database's write lock, with its effect (merge or
    /// cannot-link, see <see cref="ReviewDecisionRequest"/>), the variants a merge moved (for undo) and events naming
    /// both entities. KeyNotFoundException: no such proposal; <see cref="Review.ReviewConflictException"/>: not pending
    /// any more (a concurrent decision won), or the merge is no longer possible.
    /// </summary>
    Task<Review.ReviewDecision> RecordDecisionAsync(ReviewDecisionRequest request, CancellationToken ct = default);
    /// <summary>
    /// Records the decisions in order in one transaction, each as <see cref="RecordDecisionAsync"/> would (an authority
    /// import's successor merges). A decision refused by its checks writes nothing and has its reason in the outcome;
    /// the others go on.
    /// </summary>
    Task<IReadOnlyList<ReviewDecisionOutcome>> RecordDecisionsAsync(IReadOnlyList<ReviewDecisionRequest> requests, CancellationToken ct = default);
    /// <summary>
    /// Reverts the actor's latest decision not yet undone: un-merges (the moved variants go back, the absorbed id is
    /// active again), removes the cannot-link the decision added, or forgets a skip; the proposal is pending again.
    /// Null when the actor has nothing to undo; <see cref="Review.ReviewConflictException"/> when
    /// <paramref name="proposalId"/> is given and that latest decision is about another proposal, or the merge to undo
    /// was changed since (the absorbed id was absorbed elsewhere or is active again).
    /// </summary>
    Task<Review.ReviewDecision?> UndoLastDecisionAsync(string actor, long? proposalId = null, string? comment = null, CancellationToken ct = default);
    /// <summary>New score, explanation and contributions of a still pending proposal (after re-scoring with a new model); false when it is not pending.</summary>
    Task<bool> RescoreProposalAsync(long proposalId, double score, string explanation, IReadOnlyList<Scoring.FeatureContribution>? contributions = null, CancellationToken ct = default);
}

/// <summary>The scoring models stored in the registry, by version.</summary>
public interface IModelStore
{
    Task<long> SaveModelAsync(string kind, string parameters, string note, CancellationToken ct = default);
    Task<ModelVersion?> GetLatestModelAsync(string? kind, CancellationToken ct = default);
}

/// <summary>The append-only event log.</summary>
public interface IEventLog
{
    IAsyncEnumerable<RegistryEvent> ReadEventsAsync(string? entityId, CancellationToken ct = default);
    Task<long> CountEventsAsync(CancellationToken ct = default);
}
