using Names.Resolver.ExternalIds;
using Names.Normalization;
using Names.Resolver.Candidates;
using Names.Resolver.Comparison;
using Names.Resolver.Service.ReadModel;
using Names.Resolver.Storage;

namespace Names.Resolver.Resolution;

/// <summary>
/// What a run keeps of the registry: per variant (by handle, in id order) its id, entity, link score and packed record
/// (<see cref="VariantRecords"/>, decoded on demand into a bounded cache), its name as a 64-bit hash; the entities with
/// their members as a chain through the variants; token statistics, cannot-links and proposed pairs. The names
/// themselves are searched in the candidate index on disk. Loaded once, then kept in step with writes.
/// </summary>
internal sealed class RegistryState
{
    internal sealed class EntityState(string id, EntityKind kind, string canonicalName)
    {
        public string Id { get; } = id;
        public EntityKind Kind { get; set; } = kind;
        public string CanonicalName { get; } = canonicalName;
        public string? SurvivorId { get; set; }
        /// <summary>First and last variant of the member chain (-1: none), in the order they joined; the first is the canonical member.</summary>
        public int First { get; set; } = -1;
        public int Last { get; set; } = -1;
        public int VariantCount { get; set; }
        private List<ExternalId>? _externalIds, _partyIds;
        /// <summary>The external identifiers the entity holds, those of entities absorbed into it included.</summary>
        public IReadOnlyList<ExternalId> ExternalIds => (IReadOnlyList<ExternalId>?)_externalIds ?? [];
        /// <summary>Those of <see cref="ExternalIds"/> that name a party (not retired into a successor): two entities holding different ones of a scheme differ.</summary>
        public IReadOnlyList<ExternalId> PartyIds => (IReadOnlyList<ExternalId>?)_partyIds ?? [];
        /// <summary>Pooled context of all variants, so context is compared with the whole cluster; null until a variant brings some.</summary>
        public NameRecord? ContextPool { get; private set; }

        public NameRecord Pool() => ContextPool ??= NewPool();

        public void AddExternalId(ExternalId id, bool holds)
        {
            (_externalIds ??= new()).Add(id);
            if (holds) (_partyIds ??= new()).Add(id);
        }

        /// <summary>Takes over what an entity folded into this one held: identifiers and pooled context.</summary>
        public void Absorb(EntityState other)
        {
            if (other.ContextPool is { } pool) Pool().AddContext(pool, MaxPooledContextItems);
            if (other._externalIds is { } ids) (_externalIds ??= new()).AddRange(ids);
            if (other._partyIds is { } party) (_partyIds ??= new()).AddRange(party);
        }
    }

    /// <summary>Context items pooled per column and entity.</summary>
    public const int MaxPooledContextItems = 4096;

    private static NameRecord NewPool() => new(EntityKind.Unknown, "", "", "", "");
    /// <summary>The pool of an entity none of whose variants brought context (never written to).</summary>
    private readonly NameRecord _emptyPool = NewPool();

    private readonly List<long> _ids = new();
    private readonly List<EntityState?> _entityOf = new();
    private readonly List<double> _linkScores = new();
    /// <summary>The next member of the same entity (-1: the last).</summary>
    private readonly List<int> _next = new();
    private readonly VariantRecords _records;
    /// <summary>Variants by the hash of their name (kind, name key, country); names of one hash beyond the first in <see cref="_sharedHash"/>.</summary>
    private readonly Dictionary<ulong, int> _byName = new();
    private readonly Dictionary<string, int> _sharedHash = new(StringComparer.Ordinal);

    public Dictionary<string, EntityState> Entities { get; } = new(StringComparer.Ordinal);
    /// <summary>Who holds each external identifier (the entity it was linked to; follow <see cref="Survivor"/>).</summary>
    public Dictionary<ExternalId, string> ExternalIdHolders { get; } = new();
    public HashSet<(string, string)> CannotLinks { get; } = new();
    public HashSet<(string, string)> ProposedPairs { get; } = new();
    public TokenStatistics Tokens { get; } = new();
    public LuceneCandidateIndex Index { get; }
    public BlockingKeyGenerator KeyGenerator { get; } = new();

    /// <summary>What the candidate index holds of a record and searches with.</summary>
    public CandidateTerms Terms(NameRecord record) => CandidateTerms.Of(record, KeyGenerator);
    public long MaxVariantId { get; set; }
    /// <summary>Highest proposal id loaded (proposals are numbered by the store).</summary>
    public long MaxProposalId { get; private set; }

    public RegistryState(LuceneCandidateIndex index, int decodedRecords)
    {
        Index = index;
        _records = new VariantRecords(decodedRecords);
    }

    public long VariantId(int handle) => _ids[handle];
    public double LinkScoreOf(int handle) => _linkScores[handle];
    public NameRecord RecordOf(int handle) => _records.Get(handle);
    /// <summary>The active entity the variant belongs to (absorbed ids followed); null when its entity is unknown.</summary>
    public EntityState? EntityOf(int handle) => _entityOf[handle] is { } entity ? Survivor(entity) : null;
    public NameRecord PoolOf(EntityState entity) => entity.ContextPool ?? _emptyPool;

    /// <summary>The entity's variants, canonical (first) member first.</summary>
    public IEnumerable<int> MembersOf(EntityState entity)
    {
        for (int h = entity.First; h >= 0; h = _next[h]) yield return h;
    }

    /// <summary>Later occurrences of a known name add their context (in memory) so the cluster is compared with all of it.</summary>
    public void AddContext(int handle, EntityState entity, IReadOnlyDictionary<string, string> context)
    {
        var record = _records.Get(handle);
        record.AddContext(context);
        _records.Changed(handle, record);
        entity.Pool().AddContext(context, MaxPooledContextItems);
    }

    /// <summary>The handles of the variants the candidate index finds for a name, best first.</summary>
    public List<int> Candidates(CandidateTerms terms, int limit)
    {
        var handles = new List<int>(limit);
        foreach (var id in CandidateSearch.Find(Index, terms, limit))
        {
            var handle = _ids.BinarySearch(id);
            if (handle >= 0) handles.Add(handle);
        }
        return handles;
    }

    /// <summary>The variant with this name (kind, name key, country), if any.</summary>
    public bool TryFindVariant(EntityKind kind, string nameKey, string country, out int handle)
    {
        if (_byName.TryGetValue(NameHash(kind, nameKey, country), out handle) && IsName(handle, kind, nameKey, country)) return true;
        return _sharedHash.Count > 0 && _sharedHash.TryGetValue(VariantKey(kind, nameKey, country), out handle);
    }

    private bool IsName(int handle, EntityKind kind, string nameKey, string country) => _records.IsName(handle, kind, nameKey, country);

    /// <summary>Records the variant under its name; false when a variant of that name is known already.</summary>
    private bool AddName(NameRecord record, int handle)
    {
        var hash = NameHash(record.Kind, record.NameKey, record.Country);
        if (_byName.TryAdd(hash, handle)) return true;
        if (IsName(_byName[hash], record.Kind, record.NameKey, record.Country)) return false;
        return _sharedHash.TryAdd(VariantKey(record.Kind, record.NameKey, record.Country), handle);
    }

    private static ulong NameHash(EntityKind kind, string nameKey, string country) => KeyHash.Of(kind.ToText(), nameKey, country, "");

    public static string VariantKey(EntityKind kind, string nameKey, string country) => $"{(int)kind}\u001f{nameKey}\u001f{country}";

    public static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    public static EntityKind ParseKind(string text) => EntityKindText.Parse(text) ?? EntityKind.Unknown;

    /// <summary>The comparable record of a stored variant.</summary>
    public static NameRecord RecordOf(VariantRecord v) => NameRecord.Deserialize(ParseKind(v.Kind), v.NameKey, v.CompactKey, v.AltKey, v.Country, v.Features);

    /// <summary>Follows absorbed ids to the active survivor.</summary>
    public EntityState Survivor(string id) => Survivor(Entities[id]);

    public EntityState Survivor(EntityState entity) => SurvivorWalk.Follow(entity, _survivorOf ??= e => e.SurvivorId is null ? null : Entities[e.SurvivorId]);

    private Func<EntityState, EntityState?>? _survivorOf;

    /// <summary>
    /// Adds a variant (ids ascending) with its comparison record; <paramref name="terms"/> null when the candidate index
    /// holds it already. <paramref name="keep"/>: the record stays decoded (a new variant, likely compared again soon).
    /// </summary>
    public int AddVariant(VariantRecord variant, NameRecord record, double linkScore, CandidateTerms? terms, bool keep)
    {
        if (_ids.Count > 0 && variant.Id <= _ids[^1]) throw new InvalidOperationException($"variant {variant.Id} added after {_ids[^1]}");
        int handle = _records.Add(variant, keep ? record : null);
        _ids.Add(variant.Id);
        _linkScores.Add(linkScore);
        _next.Add(-1);
        // Token statistics count distinct names: a person's rows (one variant each when they carry context) would make
        // every name of a big cluster look frequent.
        if (AddName(record, handle)) Tokens.Add(record.Tokens);
        if (terms is not null) Index.Add(variant.Id, terms);
        if (Entities.TryGetValue(variant.EntityId, out var entity))
        {
            var survivor = Survivor(entity);
            _entityOf.Add(survivor);
            Append(survivor, handle);
            if (record.Context.Count > 0) survivor.Pool().AddContext(record, MaxPooledContextItems);
        }
        else _entityOf.Add(null);
        MaxVariantId = Math.Max(MaxVariantId, variant.Id);
        return handle;
    }

    private void Append(EntityState entity, int handle)
    {
        if (entity.Last >= 0) _next[entity.Last] = handle; else entity.First = handle;
        entity.Last = handle;
        entity.VariantCount++;
    }

    /// <summary>Moves the entity's members, identifiers and pooled context to <paramref name="target"/> (their order kept), and marks it absorbed.</summary>
    public void Fold(EntityState entity, EntityState target)
    {
        for (int h = entity.First; h >= 0; h = _next[h]) _entityOf[h] = target;
        if (entity.First >= 0)
        {
            if (target.Last >= 0) _next[target.Last] = entity.First; else target.First = entity.First;
            target.Last = entity.Last;
            target.VariantCount += entity.VariantCount;
        }
        target.Absorb(entity);
        (entity.First, entity.Last, entity.VariantCount) = (-1, -1, 0);
        entity.SurvivorId = target.Id;
    }

    /// <summary>
    /// Records in memory that the entity (its survivor) holds the identifier; <paramref name="holds"/> false for one its
    /// authority retired into a successor: it still finds its entity but names no party of its own (never a conflict).
    /// </summary>
    public void LinkExternalId(ExternalId id, string entityId, bool holds = true)
    {
        ExternalIdHolders[id] = entityId;
        Survivor(entityId).AddExternalId(id, holds);
    }

    /// <summary>
    /// What a run added to the registry, left out when the registry is read as it was before that run (a resumed run):
    /// variants and proposals above the run's starting ids, and the entities it minted.
    /// </summary>
    public sealed record RunAdditions(long BaseVariantId, long BaseProposalId, IReadOnlySet<string> MintedIds);

    /// <summary>
    /// Reads the registry; variants the candidate index does not hold yet (after <see cref="LuceneCandidateIndex.CaughtUp"/>)
    /// are added to it, and it is committed caught up to the last one.
    /// </summary>
    public static async Task<RegistryState> LoadAsync(IRegistryStore store, LuceneCandidateIndex index, int decodedRecords, CancellationToken ct,
        RunAdditions? without = null)
    {
        var state = new RegistryState(index, decodedRecords);
        // A resumed run reads the registry as it was before the interrupted run: the index forgets that run's variants too.
        // An index ahead of the registry (a registry restored from a copy) forgets what the registry does not hold.
        var indexed = Math.Min(Math.Min(index.CaughtUp, await store.GetMaxVariantIdAsync(ct)), without?.BaseVariantId ?? long.MaxValue);
        index.RollBack(indexed);
        await foreach (var e in store.ReadEntitiesAsync(ct))
            if (without is null || !without.MintedIds.Contains(e.Id))
                state.Entities[e.Id] = new EntityState(e.Id, ParseKind(e.Kind), e.CanonicalName)
            {
                SurvivorId = e.Status == EntityStatus.Absorbed ? e.SurvivorId : null,
            };
        await foreach (var v in store.ReadVariantsAsync(ct))
        {
            if (without is not null && v.Id > without.BaseVariantId) continue;
            var record = RecordOf(v);
            state.AddVariant(v, record, 1.0, v.Id > indexed ? state.Terms(record) : null, keep: false);
        }
        await foreach (var x in store.ReadExternalIdsAsync(ct))
            if (state.Entities.ContainsKey(x.EntityId) && ExternalIdSchemes.TryParse(x.Scheme, x.Value, out var id, out _))
                state.LinkExternalId(id, x.EntityId, holds: !x.Status.StartsWith(ExternalIdStatus.SupersededBy, StringComparison.Ordinal));
        foreach (var pair in await store.GetCannotLinksAsync(ct)) state.CannotLinks.Add(state.StoredPair(pair));
        foreach (var p in await store.GetProposalsAsync(null, ct))
        {
            if (without is not null && p.Id > without.BaseProposalId) continue;
            state.ProposedPairs.Add(state.StoredPair((p.EntityA, p.EntityB)));
            state.MaxProposalId = Math.Max(state.MaxProposalId, p.Id);
        }
        state.MaxVariantId = without?.BaseVariantId ?? Math.Max(state.MaxVariantId, await store.GetMaxVariantIdAsync(ct));
        if (index.CaughtUp != state.MaxVariantId) index.Commit(state.MaxVariantId);
        return state;
    }

    /// <summary>A stored pair, in the entities' own id strings where they are known (one copy of each id in memory).</summary>
    private (string, string) StoredPair((string A, string B) pair) =>
        Pair(Entities.TryGetValue(pair.A, out var a) ? a.Id : pair.A, Entities.TryGetValue(pair.B, out var b) ? b.Id : pair.B);
}
