using Names.Resolver.Storage;

namespace Names.Resolver.Service;

/// <summary>
/// Queries and writes on one open connection/transaction of an <see cref="IOnlineRegistry"/>. Write methods are only
/// valid inside <see cref="IOnlineRegistry.WriteLockedAsync{T}"/>. All SQL behind it is parameterised.
/// </summary>
public interface IRegistrySession
{
    /// <summary>The stored variant with exactly this kind, name key and country, if any.</summary>
    Task<VariantRecord?> FindVariantAsync(string kind, string nameKey, string compactKey, string country, CancellationToken ct);
    Task<IReadOnlyList<VariantRecord>> GetVariantsAsync(IReadOnlyCollection<long> ids, CancellationToken ct);
    Task<EntityRecord?> GetEntityAsync(string id, CancellationToken ct);
    /// <summary>The entities with these ids (absorbed ones as stored, not followed).</summary>
    Task<IReadOnlyDictionary<string, EntityRecord>> GetEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken ct);
    Task<IReadOnlyList<VariantRecord>> GetVariantsOfEntityAsync(string entityId, int offset, int limit, CancellationToken ct);
    Task<long> CountVariantsOfEntityAsync(string entityId, CancellationToken ct);
    /// <summary>Events naming the entity (as subject or other party), oldest first.</summary>
    Task<IReadOnlyList<RegistryEvent>> GetEventsAsync(string entityId, int offset, int limit, CancellationToken ct);
    Task<long> CountEventsAsync(string entityId, CancellationToken ct);
    Task<bool> ProposalExistsAsync(string entityA, string entityB, CancellationToken ct);
    /// <summary>Whether a reviewer (or a split) recorded that the two entities differ.</summary>
    Task<bool> CannotLinkExistsAsync(string entityA, string entityB, CancellationToken ct);
    /// <summary>The latest stored model of <paramref name="kind"/> (of any kind when null).</summary>
    Task<ModelVersion?> GetLatestModelAsync(string? kind, CancellationToken ct);
    /// <summary>The link of that identifier (normal form) as stored, or null; its entity may be absorbed (follow survivors).</summary>
    Task<ExternalIdLink?> FindExternalIdAsync(string scheme, string value, CancellationToken ct);
    /// <summary>The identifiers the entity holds, those of the entities absorbed into it included.</summary>
    Task<IReadOnlyList<ExternalIdLink>> GetExternalIdsAsync(string entityId, CancellationToken ct);

    // ---- change feed of the in-process read model (RegistryReadModel) ----
    /// <summary>Variants with an id above <paramref name="afterId"/>, by id, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<VariantRecord>> GetVariantsAfterAsync(long afterId, int limit, CancellationToken ct);
    /// <summary>Events with a seq above <paramref name="afterSeq"/>, by seq, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RegistryEvent>> GetEventsAfterAsync(long afterSeq, int limit, CancellationToken ct);
    /// <summary>The events with these seqs that exist (late commits into gaps of the feed).</summary>
    Task<IReadOnlyList<RegistryEvent>> GetEventsAsync(IReadOnlyCollection<long> seqs, CancellationToken ct);
    /// <summary>The highest event seq (0 when the log is empty).</summary>
    Task<long> GetLastEventSeqAsync(CancellationToken ct);

    /// <summary>Mints the next id of the registry's sequence (seed and sequence live in the database, so every instance shares them).</summary>
    Task<string> MintIdAsync(char prefix, CancellationToken ct);
    /// <summary>A variant id no other transaction will use.</summary>
    Task<long> NextVariantIdAsync(CancellationToken ct);
    /// <summary>Writes entities, variants, keys, events and proposals of the batch in the current transaction.</summary>
    Task WriteAsync(RegistryBatch batch, CancellationToken ct);
}
