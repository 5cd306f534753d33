using Names.Resolver.ExternalIds;
using Names.Normalization;
using Names.Resolver.Candidates;
using Names.Resolver.Comparison;
using Names.Resolver.Storage;

namespace Names.Resolver.Resolution;

/// <summary>
/// In-memory image of the registry used during a run: variants with their comparison records, entities, the
/// candidate index, token statistics, cannot-links and proposed pairs. Loaded once, then kept in step with writes.
/// </summary>
internal sealed class RegistryState
{
    internal sealed class VariantState(long id, string entityId, NameRecord record, string displayName, double linkScore)
    {
        public long Id { get; } = id;
        public string EntityId { get; set; } = entityId;
        public NameRecord Record { get; } = record;
        public string DisplayName { get; } = displayName;
        public double LinkScore { get; } = linkScore;
    }

    internal sealed class EntityState(string id, EntityKind kind, string canonicalName, bool preExisting)
    {
        public string Id { get; } = id;
        public EntityKind Kind { get; set; } = kind;
        public string CanonicalName { get; } = canonicalName;
        public string? SurvivorId { get; set; }
        public bool PreExisting { get; } = preExisting;
        public List<int> Variants { get; } = new();
        /// <summary>The external identifiers the entity holds, those of entities absorbed into it included.</summary>
        public List<ExternalId> ExternalIds { get; } = new();
        /// <summary>Those of <see cref="ExternalIds"/> that name a party (not retired into a successor): two entities holding different ones of a scheme differ.</summary>
        public List<ExternalId> PartyIds { get; } = new();
        /// <summary>Pooled context of all variants, so context is compared with the whole cluster.</summary>
        public NameRecord ContextPool { get; } = new(EntityKind.Unknown, "", "", "", "");
    }

    /// <summary>Context items pooled per column and entity.</summary>
    public const int MaxPooledContextItems = 4096;

    public List<VariantState> Variants { get; } = new();
    public Dictionary<string, int> VariantByKey { get; } = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _handleById = new();
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

    public RegistryState(LuceneCandidateIndex index) => Index = index;

    /// <summary>The handles of the variants the candidate index finds for a name, best first.</summary>
    public List<int> Candidates(CandidateTerms terms, int limit)
    {
        var handles = new List<int>(limit);
        foreach (var id in CandidateSearch.Find(Index, terms, limit))
            if (_handleById.TryGetValue(id, out var handle)) handles.Add(handle);
        return handles;
    }

    public static string VariantKey(EntityKind kind, string nameKey, string country) => $"{(int)kind}\u001f{nameKey}\u001f{country}";

    public static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    public static EntityKind ParseKind(string text) => EntityKindText.Parse(text) ?? EntityKind.Unknown;

    /// <summary>The comparable record of a stored variant.</summary>
    public static NameRecord RecordOf(VariantRecord v) => NameRecord.Deserialize(ParseKind(v.Kind), v.NameKey, v.CompactKey, v.AltKey, v.Country, v.Features);

    /// <summary>Follows absorbed ids to the active survivor.</summary>
    public EntityState Survivor(string id) => SurvivorWalk.Follow(Entities[id], _survivorOf ??= e => e.SurvivorId is null ? null : Entities[e.SurvivorId]);

    private Func<EntityState, EntityState?>? _survivorOf;

    /// <summary>Adds a variant; <paramref name="terms"/> null when the candidate index holds it already.</summary>
    public int AddVariant(VariantState variant, CandidateTerms? terms)
    {
        int handle = Variants.Count;
        Variants.Add(variant);
        // Token statistics count distinct names: a person's rows (one variant each when they carry context) would make
        // every name of a big cluster look frequent.
        if (VariantByKey.TryAdd(VariantKey(variant.Record.Kind, variant.Record.NameKey, variant.Record.Country), handle))
            Tokens.Add(variant.Record.Tokens);
        _handleById[variant.Id] = handle;
        if (terms is not null) Index.Add(variant.Id, terms);
        if (Entities.TryGetValue(variant.EntityId, out var entity))
        {
            var survivor = Survivor(entity.Id);
            survivor.Variants.Add(handle);
            if (variant.Record.Context.Count > 0) survivor.ContextPool.AddContext(variant.Record, MaxPooledContextItems);
        }
        MaxVariantId = Math.Max(MaxVariantId, variant.Id);
        return handle;
    }

    /// <summary>
    /// What a run added to the registry, left out when the registry is read as it was before that run (a resumed run):
    /// variants and proposals above the run's starting ids, and the entities it minted.
    /// </summary>
    /// <summary>
    /// Records in memory that the entity (its survivor) holds the identifier; <paramref name="holds"/> false for one its
    /// authority retired into a successor: it still finds its entity but names no party of its own (never a conflict).
    /// </summary>
    public void LinkExternalId(ExternalId id, string entityId, bool holds = true)
    {
        ExternalIdHolders[id] = entityId;
        var entity = Survivor(entityId);
        entity.ExternalIds.Add(id);
        if (holds) entity.PartyIds.Add(id);
    }

    public sealed record RunAdditions(long BaseVariantId, long BaseProposalId, IReadOnlySet<string> MintedIds);

    /// <summary>
    /// Reads the registry; variants the candidate index does not hold yet (after <see cref="LuceneCandidateIndex.CaughtUp"/>)
    /// are added to it, and it is committed caught up to the last one.
    /// </summary>
    public static async Task<RegistryState> LoadAsync(IRegistryStore store, LuceneCandidateIndex index, CancellationToken ct, RunAdditions? without = null)
    {
        var state = new RegistryState(index);
        // A resumed run reads the registry as it was before the interrupted run: the index forgets that run's variants too.
        // An index ahead of the registry (a registry restored from a copy) forgets what the registry does not hold.
        var indexed = Math.Min(Math.Min(index.CaughtUp, await store.GetMaxVariantIdAsync(ct)), without?.BaseVariantId ?? long.MaxValue);
        index.RollBack(indexed);
        await foreach (var e in store.ReadEntitiesAsync(ct))
            if (without is null || !without.MintedIds.Contains(e.Id))
                state.Entities[e.Id] = new EntityState(e.Id, ParseKind(e.Kind), e.CanonicalName, preExisting: true)
            {
                SurvivorId = e.Status == EntityStatus.Absorbed ? e.SurvivorId : null,
            };
        await foreach (var v in store.ReadVariantsAsync(ct))
        {
            if (without is not null && v.Id > without.BaseVariantId) continue;
            var record = RecordOf(v);
            state.AddVariant(new VariantState(v.Id, v.EntityId, record, v.DisplayName, 1.0), v.Id > indexed ? state.Terms(record) : null);
        }
        await foreach (var x in store.ReadExternalIdsAsync(ct))
            if (state.Entities.ContainsKey(x.EntityId) && ExternalIdSchemes.TryParse(x.Scheme, x.Value, out var id, out _))
                state.LinkExternalId(id, x.EntityId, holds: !x.Status.StartsWith(ExternalIdStatus.SupersededBy, StringComparison.Ordinal));
        foreach (var pair in await store.GetCannotLinksAsync(ct)) state.CannotLinks.Add(Pair(pair.A, pair.B));
        foreach (var p in await store.GetProposalsAsync(null, ct))
        {
            if (without is not null && p.Id > without.BaseProposalId) continue;
            state.ProposedPairs.Add(Pair(p.EntityA, p.EntityB));
            state.MaxProposalId = Math.Max(state.MaxProposalId, p.Id);
        }
        state.MaxVariantId = without?.BaseVariantId ?? Math.Max(state.MaxVariantId, await store.GetMaxVariantIdAsync(ct));
        if (index.CaughtUp != state.MaxVariantId) index.Commit(state.MaxVariantId);
        return state;
    }
}
