using System.Diagnostics;
using Names.Resolver.Candidates;
using Names.Resolver.Comparison;
using Names.Resolver.Resolution;
using Names.Resolver.Storage;

namespace Names.Resolver.Service.ReadModel;

/// <summary>
/// In-process image of what lookups read from the registry: variants (packed, see <see cref="StoredVariant"/>), their
/// entities, the blocking-key index and the exact-name index. Loaded once at start, then kept up to date from the
/// database's change feed: variants with ids past the last one seen (new names), and events past the last seq seen
/// (merges and splits move variants: the entities they name are re-read). Several instances on one database see each
/// other's writes within <see cref="ReadModelOptions.MaxStaleness"/>; this instance's own writes are applied at once
/// (<see cref="Apply"/>). Candidates come from a <see cref="LuceneCandidateIndex"/> over the variants (as in the bulk
/// engine). Thread-safe: many readers, one writer at a time.
/// </summary>
public sealed class RegistryReadModel : IDisposable
{
    private readonly IOnlineRegistry _registry;
    private readonly ReadModelOptions _options;
    private readonly BlockingKeyGenerator _keys = new();
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim _syncGate = new(1, 1);

    // Variants by handle (dense, in the order they arrived).
    private long[] _variantIds = new long[1024];
    private int[] _variantEntity = new int[1024];
    private byte[][] _packed = new byte[1024][];
    private int _variantCount;
    private readonly Dictionary<long, int> _variantById = new();
    /// <summary>Exact name (kind, name key, compact key, country) -> the handle of its variant with the smallest id.</summary>
    private readonly Dictionary<ulong, int> _byName = new();
    private readonly LuceneCandidateIndex _index = CandidateIndexFolder.OpenTemporary();

    private readonly ReadModelEntities _entities = new();

    private CommitCursor _variantFeed = null!;
    private CommitCursor _eventFeed = null!;
    private long _lastSyncStart;

    private RegistryReadModel(IOnlineRegistry registry, ReadModelOptions options)
    {
        _registry = registry;
        _options = options;
    }

    public int VariantCount => _variantCount;

    /// <summary>Deletes the candidate index's temporary files.</summary>
    public void Dispose()
    {
        _index.Dispose();
        _lock.Dispose();
        _syncGate.Dispose();
    }
    public int EntityCount => _entities.Count;

    /// <summary>Reads the whole registry (variants page by page); <paramref name="nameKeys"/> sees every variant's name key once.</summary>
    public static async Task<RegistryReadModel> LoadAsync(IOnlineRegistry registry, ReadModelOptions? options = null,
        Action<string>? nameKeys = null, CancellationToken ct = default)
    {
        var model = new RegistryReadModel(registry, options ?? new ReadModelOptions());
        try
        {
            await model.LoadAllAsync(nameKeys, ct);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private async Task LoadAllAsync(Action<string>? nameKeys, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        // Events after this seq are replayed by the first sync, so a merge during the load is not lost.
        var lastSeq = await _registry.ReadAsync(s => s.GetLastEventSeqAsync(ct), ct);
        long after = 0;
        while (true)
        {
            var page = await _registry.ReadAsync(s => s.GetVariantsAfterAsync(after, _options.PageSize, ct), ct);
            if (page.Count == 0) break;
            after = page[^1].Id;
            var entities = await ReadUnknownEntitiesAsync(page.Select(v => v.EntityId), ct);
            // Terms need the parsed record (~5 µs per variant): computed on all cores.
            var terms = new CandidateTerms[page.Count];
            var packed = new byte[page.Count][];
            Parallel.For(0, page.Count, new ParallelOptions { CancellationToken = ct }, i =>
            {
                packed[i] = StoredVariant.Pack(page[i]);
                terms[i] = Terms(StoredVariant.ToRecord(packed[i]));
            });
            Write(() =>
            {
                _entities.Upsert(entities);
                for (int i = 0; i < page.Count; i++)
                {
                    var handle = AddVariant(page[i], packed[i]);
                    if (handle >= 0) _index.Add(page[i].Id, terms[i]);
                }
            });
            if (nameKeys is not null) foreach (var v in page) nameKeys(v.NameKey);
        }
        _index.Compact();
        var now = Stopwatch.GetTimestamp();
        _eventFeed = new CommitCursor(lastSeq, _options.GapTimeout);
        _variantFeed = new CommitCursor(after, _options.GapTimeout);
        // Ids just below the last one may belong to transactions still committing (PostgreSQL): watched as gaps.
        for (var id = Math.Max(1, after - 1000); id < after; id++)
            if (!_variantById.ContainsKey(id)) _variantFeed.Watch(id, now);
        _lastSyncStart = start;
    }

    /// <summary>
    /// Returns when the model holds every change committed before <c>now - maxAge</c>: at once when the last sync
    /// started late enough, else after a sync (one at a time; callers that queue behind a sync started after they
    /// arrived need no other). Zero: the changes committed before the call. A caller that holds a session (a resolve
    /// under its database lock) passes it: the sync reads through it. Otherwise the connection is taken before the
    /// sync gate, so a sync never waits for a pooled connection held by a caller queued behind it.
    /// </summary>
    public async Task EnsureFreshAsync(TimeSpan maxAge, CancellationToken ct = default, IRegistrySession? session = null)
    {
        var needed = Stopwatch.GetTimestamp() - (long)(maxAge.TotalSeconds * Stopwatch.Frequency);
        if (Volatile.Read(ref _lastSyncStart) >= needed) return;
        if (session is not null) await SyncGatedAsync(session, needed, ct);
        else await _registry.ReadAsync(s => SyncGatedAsync(s, needed, ct), ct);
    }

    private async Task<bool> SyncGatedAsync(IRegistrySession s, long needed, CancellationToken ct)
    {
        await _syncGate.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _lastSyncStart) >= needed) return false;
            var start = Stopwatch.GetTimestamp();
            await SyncAsync(s, ct);
            Volatile.Write(ref _lastSyncStart, start);
            return true;
        }
        finally { _syncGate.Release(); }
    }

    /// <summary>Reads the variants and events committed since the last sync and applies them. Callers hold the sync gate.</summary>
    private async Task SyncAsync(IRegistrySession s, CancellationToken ct)
    {
        var limit = _options.PageSize;
        var (variants, filled, events, moved, entities) = await ReadChangesAsync();
        async Task<(IReadOnlyList<VariantRecord>, IReadOnlyList<VariantRecord>, List<RegistryEvent>, Dictionary<string, IReadOnlyList<VariantRecord>>, List<EntityRecord>)> ReadChangesAsync()
        {
            var newVariants = await s.GetVariantsAfterAsync(_variantFeed.Position, limit, ct);
            var gapVariants = _variantFeed.Gaps.Count == 0 ? [] : await s.GetVariantsAsync(_variantFeed.Gaps.ToList(), ct);
            var newEvents = (await s.GetEventsAfterAsync(_eventFeed.Position, limit, ct)).ToList();
            if (_eventFeed.Gaps.Count > 0) newEvents.AddRange(await s.GetEventsAsync(_eventFeed.Gaps.ToList(), ct));
            // Merges and splits move variants between entities: re-read both entities' variants.
            var touched = newEvents.Where(e => e.Type is RegistryEventType.Merged or RegistryEventType.Split)
                .SelectMany(e => new[] { e.EntityId, e.OtherId }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var movedVariants = new Dictionary<string, IReadOnlyList<VariantRecord>>(StringComparer.Ordinal);
            foreach (var id in touched) movedVariants[id] = await s.GetVariantsOfEntityAsync(id, 0, int.MaxValue, ct);
            var entityIds = newVariants.Concat(gapVariants).Concat(movedVariants.Values.SelectMany(v => v)).Select(v => v.EntityId);
            var readEntities = await ReadEntitiesAsync(s, entityIds, touched, ct);
            return (newVariants, gapVariants, newEvents, movedVariants, readEntities);
        }

        var added = variants.Concat(filled).Concat(moved.Values.SelectMany(v => v)).Where(v => !Knows(v.Id)).DistinctBy(v => v.Id).ToList();
        var terms = new CandidateTerms[added.Count];
        var packed = new byte[added.Count][];
        for (int i = 0; i < added.Count; i++)
        {
            packed[i] = StoredVariant.Pack(added[i]);
            terms[i] = Terms(StoredVariant.ToRecord(packed[i]));
        }
        Write(() =>
        {
            _entities.Upsert(entities);
            for (int i = 0; i < added.Count; i++)
            {
                var handle = AddVariant(added[i], packed[i]);
                if (handle >= 0) _index.Add(added[i].Id, terms[i]);
            }
            foreach (var (entityId, members) in moved) Reassign(entityId, members);
        });
        ApplyErasure(events.Where(e => e.Type == RegistryEventType.Erased).Select(e => e.EntityId));
        var now = Stopwatch.GetTimestamp();
        _variantFeed.Advance(variants.Concat(filled).Select(v => v.Id).Order(), now);
        _eventFeed.Advance(events.Select(e => e.Seq).Order(), now);
        _variantFeed.Expire(now, Stopwatch.Frequency);
        _eventFeed.Expire(now, Stopwatch.Frequency);
    }

    /// <summary>Applies what this instance just committed (a resolve's batch), so its own next lookup sees it at once.</summary>
    public void Apply(RegistryBatch batch)
    {
        if (batch.NewVariants.Count == 0 && batch.NewEntities.Count == 0) return;
        var packed = batch.NewVariants.Select(StoredVariant.Pack).ToArray();
        var terms = packed.Select(p => Terms(StoredVariant.ToRecord(p))).ToArray();
        Write(() =>
        {
            _entities.Upsert(batch.NewEntities);
            for (int i = 0; i < packed.Length; i++)
            {
                var handle = AddVariant(batch.NewVariants[i], packed[i]);
                if (handle >= 0) _index.Add(batch.NewVariants[i].Id, terms[i]);
            }
        });
    }

    /// <summary>The variant ids an erasure removed, so caches of their records forget them too.</summary>
    public event Action<IReadOnlyList<long>>? VariantsErased;

    /// <summary>Applies an erasure this instance just committed (other instances read its events), so no lookup finds the name again.</summary>
    public void ApplyErasure(IEnumerable<string> entityIds)
    {
        var (ids, erased) = (entityIds.ToList(), new List<long>());
        if (ids.Count > 0) Write(() => { foreach (var id in ids) erased.AddRange(Forget(id)); }); // none: no write lock taken
        if (erased.Count > 0) VariantsErased?.Invoke(erased);
    }

    /// <summary>Drops an erased entity's variants (packed names, exact names, index documents) and its name.</summary>
    private List<long> Forget(string entityId)
    {
        if (!_entities.TryGet(entityId, out var entity)) return [];
        var gone = new HashSet<int>();
        for (int h = 0; h < _variantCount; h++)
            if (_variantEntity[h] == entity && _variantById.Remove(_variantIds[h])) { gone.Add(h); _packed[h] = []; }
        foreach (var (name, h) in _byName.Where(kv => gone.Contains(kv.Value)).ToList()) _byName.Remove(name);
        _entities.Forget(entity);
        var ids = gone.Select(h => _variantIds[h]).ToList();
        _index.Remove(ids);
        return ids;
    }

    /// <summary>The variant that holds exactly this name, with its active entity; null when none (or its entity is unknown).</summary>
    internal KnownName? FindName(string kind, string nameKey, string compactKey, string country)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_byName.TryGetValue(KeyHash.Of(kind, nameKey, compactKey, country), out var handle)) return null;
            var packed = _packed[handle];
            // A hash collision between two names (~1e-7) answers "not known": lookup then ranks the name as any other.
            if (!StoredVariant.IsName(packed, kind, nameKey, compactKey, country)) return null;
            var entity = _entities.Survivor(_variantEntity[handle]);
            return entity < 0 ? null : new KnownName(new MemberRow(_variantIds[handle], packed), _entities.Row(entity));
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// The entities the candidate index finds for a name (<see cref="CandidateSearch"/>, at most
    /// <see cref="ResolutionOptions.MaxCandidates"/> variants, best first), grouped into their active entities by
    /// <see cref="EntityMatcher.Group{TEntity,TMember}"/>.
    /// </summary>
    internal List<CandidateGroup<EntityRow, MemberRow>> Candidates(NameRecord record, CandidateTerms terms, EntityMatcher matcher)
    {
        _lock.EnterReadLock();
        try
        {
            var ranked = new List<int>();
            foreach (var id in CandidateSearch.Find(_index, terms, matcher.Options.MaxCandidates))
                if (_variantById.TryGetValue(id, out var handle)) ranked.Add(handle);
            return matcher.Group(record, ranked, new ReadModelHandles(this))
                .Select(g => new CandidateGroup<EntityRow, MemberRow>(g.Entity, g.Members.Select(h => new MemberRow(_variantIds[h], _packed[h])).ToList()))
                .ToList();
        }
        finally { _lock.ExitReadLock(); }
    }

    // ---- reading ----

    private bool Knows(long variantId)
    {
        _lock.EnterReadLock();
        try { return _variantById.ContainsKey(variantId); }
        finally { _lock.ExitReadLock(); }
    }

    private async Task<List<EntityRecord>> ReadUnknownEntitiesAsync(IEnumerable<string> ids, CancellationToken ct) =>
        await _registry.ReadAsync(s => ReadEntitiesAsync(s, ids, [], ct), ct);

    /// <summary>Entity rows for the ids the model does not hold yet plus <paramref name="reread"/>, and the survivors they name.</summary>
    private async Task<List<EntityRecord>> ReadEntitiesAsync(IRegistrySession s, IEnumerable<string> ids, IReadOnlyCollection<string> reread, CancellationToken ct)
    {
        var result = new List<EntityRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var wanted = Unknown(ids).Concat(reread).Where(seen.Add).ToList();
        for (int guard = 0; wanted.Count > 0 && guard < 1000; guard++)
        {
            var found = await s.GetEntitiesAsync(wanted, ct);
            result.AddRange(found.Values);
            wanted = Unknown(found.Values.Select(e => e.SurvivorId).OfType<string>()).Where(seen.Add).ToList();
        }
        return result;
    }

    private List<string> Unknown(IEnumerable<string> ids)
    {
        _lock.EnterReadLock();
        try { return ids.Where(id => !_entities.Contains(id)).Distinct(StringComparer.Ordinal).ToList(); }
        finally { _lock.ExitReadLock(); }
    }

    private CandidateTerms Terms(NameRecord record) => CandidateTerms.Of(record, _keys);

    /// <summary>The active entity of a variant handle, null when unknown (under the read lock).</summary>
    internal EntityRow? EntityOfVariant(int handle) => _entities.Survivor(_variantEntity[handle]) is var e and >= 0 ? _entities.Row(e) : null;

    /// <summary>The handle of the entity's canonical member (under the read lock).</summary>
    internal bool TryCanonicalMember(string entityId, out int handle) =>
        (handle = _entities.TryGet(entityId, out var entity) ? _entities.First(entity) : -1) >= 0;

    // ---- writing (under the write lock) ----

    private void Write(Action change)
    {
        _lock.EnterWriteLock();
        try { change(); }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>Adds a variant not held yet; returns its handle, or -1 when it was already there.</summary>
    private int AddVariant(VariantRecord v, byte[] packed)
    {
        if (_variantById.ContainsKey(v.Id)) return -1;
        var handle = _variantCount++;
        if (handle == _variantIds.Length)
        {
            var size = handle * 2;
            Array.Resize(ref _variantIds, size);
            Array.Resize(ref _variantEntity, size);
            Array.Resize(ref _packed, size);
        }
        _variantIds[handle] = v.Id;
        _packed[handle] = packed;
        _variantById[v.Id] = handle;
        var entity = _entities.Handle(v.EntityId, null);
        _variantEntity[handle] = entity;
        ref var first = ref _entities.First(entity);
        if (first < 0 || _variantIds[first] > v.Id) first = handle;
        var name = KeyHash.Of(v.Kind, v.NameKey, v.CompactKey, v.Country);
        if (!_byName.TryGetValue(name, out var existing) || _variantIds[existing] > v.Id) _byName[name] = handle;
        return handle;
    }

    /// <summary>Sets the entity of the variants the database now lists for <paramref name="entityId"/> (after a merge or split).</summary>
    private void Reassign(string entityId, IReadOnlyList<VariantRecord> members)
    {
        var entity = _entities.Handle(entityId, null);
        ref var first = ref _entities.First(entity);
        first = -1;
        foreach (var v in members)
        {
            if (!_variantById.TryGetValue(v.Id, out var handle)) continue;
            var old = _variantEntity[handle];
            _variantEntity[handle] = entity;
            if (old != entity && old >= 0 && _entities.First(old) == handle) _entities.First(old) = -1; // recomputed when that entity's event arrives
            if (first < 0 || _variantIds[first] > v.Id) first = handle;
        }
    }
}
