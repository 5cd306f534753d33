using System.Globalization;
using Names.Normalization;
using Names.Resolver.Comparison;
using Names.Resolver.Identifiers;
using Names.Resolver.Resolution;
using Names.Resolver.Review;
using Names.Resolver.Storage;

namespace Names.Resolver.ExternalIds;

/// <summary>
/// Imports authority records (GLEIF, ROR) into the registry through the one <see cref="RegistryWriter"/>: a record
/// becomes a legal entity (its names as variants, normalised, with its country and ELF code), or joins the entity that
/// holds its identifier already, adding its new names and its new status. Idempotent: a record imported before, with
/// the same names and status, writes nothing, so an interrupted import run again picks up where it stopped, and a
/// re-import of the same file logs no event. A record that names a successor becomes, once the file is read
/// (<see cref="FinishAsync"/>), a merge into the successor's entity, decided and logged as a review decision (the
/// absorbed id redirects). One batch per call to <see cref="ImportAsync"/>, one transaction each.
/// </summary>
public sealed class AuthorityImporter : IRegistryWriteTarget
{
    private readonly IRegistryStore _store;
    private readonly NameNormalizer _normalizer;
    private readonly string _source;
    private readonly string _actor;
    private readonly RegistryWriter _writer;
    private readonly IdMinter _minter;
    private readonly Dictionary<(string Scheme, string Value), (string EntityId, string Status)> _ids;
    private readonly Dictionary<string, string?> _survivorOf;
    private readonly Dictionary<string, string> _entityOfName;
    private readonly List<(string EntityId, ExternalId Id, ExternalId Successor)> _successors = new();
    private long _variantId;

    public ImportStatistics Statistics { get; } = new();

    private AuthorityImporter(IRegistryStore store, NameNormalizer normalizer, string source, string actor, IdMinter minter,
        Dictionary<(string, string), (string, string)> ids, Dictionary<string, string?> survivorOf, Dictionary<string, string> entityOfName, long variantId)
    {
        _store = store;
        _normalizer = normalizer;
        _source = source;
        _actor = actor;
        _minter = minter;
        _ids = ids;
        _survivorOf = survivorOf;
        _entityOfName = entityOfName;
        _variantId = variantId;
        _writer = new RegistryWriter(this, actor);
    }

    /// <summary>Reads what the import compares with: the registry's external ids, entities and names (by key and country).</summary>
    public static async Task<AuthorityImporter> OpenAsync(IRegistryStore store, NameNormalizer normalizer, string source, string actor, ulong seed,
        CancellationToken ct)
    {
        var storedSeed = await store.GetMetaAsync(ResolutionEngine.SeedMetaKey, ct);
        var sequence = long.Parse(await store.GetMetaAsync(ResolutionEngine.SequenceMetaKey, ct) ?? "0", CultureInfo.InvariantCulture);
        var ids = new Dictionary<(string, string), (string, string)>();
        await foreach (var x in store.ReadExternalIdsAsync(ct)) ids[(x.Scheme, x.Value)] = (x.EntityId, x.Status);
        var survivorOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        await foreach (var e in store.ReadEntitiesAsync(ct)) survivorOf[e.Id] = e.Status == EntityStatus.Absorbed ? e.SurvivorId : null;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var v in store.ReadVariantsAsync(ct)) names.TryAdd(NameKey(v.Kind, v.NameKey, v.CompactKey, v.Country), v.EntityId);
        var importer = new AuthorityImporter(store, normalizer, source, actor,
            new IdMinter(storedSeed is null ? seed : ulong.Parse(storedSeed, CultureInfo.InvariantCulture), sequence),
            ids, survivorOf, names, await store.GetMaxVariantIdAsync(ct));
        if (storedSeed is null) importer._writer.Batch.Meta[ResolutionEngine.SeedMetaKey] = seed.ToString(CultureInfo.InvariantCulture);
        return importer;
    }

    /// <summary>One variant per name, kind and country in the registry (PostgreSQL's ux_variants_name).</summary>
    private static string NameKey(string kind, string nameKey, string compactKey, string country) => $"{kind}\u001f{nameKey}\u001f{compactKey}\u001f{country}";

    /// <summary>
    /// The records' names normalised on all cores: the work that runs ahead of the one writer (<see cref="ImportAsync"/>)
    /// and touches nothing of the importer's state, so the next chunk is prepared while this one is written.
    /// </summary>
    public PreparedRecords Prepare(IReadOnlyList<AuthorityRecord> records, CancellationToken ct)
    {
        var parties = new Party?[records.Count][];
        Parallel.For(0, records.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var r = records[i];
            parties[i] = r.Names.Select(n => FirstUsable(_normalizer.Normalize(new NameInput(n, r.Country, "legal_entity")), r.ElfCode)).ToArray();
        });
        return new PreparedRecords(records, parties);
    }

    /// <summary>
    /// Imports the prepared records and commits them in one transaction. Returns the records it could not import (a new
    /// identifier whose every name the normaliser refuses), with the reason.
    /// </summary>
    public async Task<IReadOnlyList<(AuthorityRecord Record, string Reason)>> ImportAsync(PreparedRecords prepared, CancellationToken ct)
    {
        var (records, parties) = (prepared.Records, prepared.Parties);
        var refused = new List<(AuthorityRecord, string)>();
        for (int i = 0; i < records.Count; i++)
            if (!await ImportAsync(records[i], parties[i], ct)) refused.Add((records[i], $"{records[i].Id}: no usable name (the cleaner found no party in {string.Join(" / ", records[i].Names)})"));
        await CommitAsync(ct);
        return refused;
    }

    private static Party? FirstUsable(IReadOnlyList<Party> parties, string elfCode)
    {
        var party = parties.FirstOrDefault(p => p.Problem.Length == 0 && p.CompactKey.Length > 0);
        // The authority's legal form code wins over the one the normaliser reads from the name (it knows the entity).
        return party is null ? null : party with { Kind = EntityKind.LegalEntity, ElfCode = elfCode.Length > 0 ? elfCode : party.ElfCode };
    }

    /// <summary>False when the record is new and none of its names is usable: nothing is written for it.</summary>
    private async Task<bool> ImportAsync(AuthorityRecord record, Party?[] parties, CancellationToken ct)
    {
        var status = record.Successor is { } successor ? ExternalIdStatus.SupersededBy + successor : record.Status;
        string entityId;
        if (_ids.TryGetValue((record.Id.Scheme, record.Id.Value), out var held))
        {
            Statistics.RecordsKnown++;
            entityId = Survivor(held.EntityId);
            if (held.Status != status)
            {
                LinkId(record.Id, held.EntityId, status, RegistryEventType.ExternalIdUpdated);
                Statistics.StatusesUpdated++;
            }
        }
        else
        {
            var first = parties.FirstOrDefault(p => p is not null);
            if (first is null) return false;
            entityId = await _writer.MintAsync(first, ct);
            _survivorOf[entityId] = null;
            Statistics.EntitiesCreated++;
            LinkId(record.Id, entityId, status, RegistryEventType.ExternalIdLinked);
        }
        foreach (var party in parties)
        {
            if (party is null)
            {
                Statistics.NamesUnusable++;
                continue;
            }
            var key = NameKey(party.Kind.ToText(), party.NameKey, party.CompactKey, party.Country);
            if (_entityOfName.TryGetValue(key, out var owner))
            {
                if (Survivor(owner) != entityId) Statistics.NamesHeldElsewhere++;
                continue;
            }
            _entityOfName[key] = entityId;
            await _writer.LinkAsync(entityId, party, NameRecord.FromParty(party), "import", 1.0,
                new VariantOrigin(_source, record.Position, record.Id.ToString(), party.RawName), ct);
            Statistics.NamesAdded++;
        }
        foreach (var other in record.OtherIds ?? [])
        {
            if (_ids.TryGetValue((other.Scheme, other.Value), out var holder))
            {
                if (Survivor(holder.EntityId) != entityId) Statistics.IdsHeldElsewhere++;
                continue;
            }
            // A record its authority retired into a successor: all its identifiers name the predecessor, none a party of its own.
            LinkId(other, entityId, record.Successor is null ? "" : status, RegistryEventType.ExternalIdLinked);
        }
        if (record.Successor is { } next) _successors.Add((entityId, record.Id, next));
        Statistics.Records++;
        return true;
    }

    private void LinkId(ExternalId id, string entityId, string status, string eventType)
    {
        var now = DateTimeOffset.UtcNow;
        _ids[(id.Scheme, id.Value)] = (entityId, status);
        _writer.Batch.ExternalIds.Add(new ExternalIdLink(id.Scheme, id.Value, entityId, _source, status, now));
        _writer.Batch.Events.Add(new RegistryEvent(eventType, entityId, null, _actor, $"{id} {status}".TrimEnd(), now));
        if (eventType == RegistryEventType.ExternalIdLinked) Statistics.IdsLinked++;
    }

    private string Survivor(string id)
    {
        for (int hops = 0; hops < 64 && _survivorOf.TryGetValue(id, out var next) && next is not null; hops++) id = next;
        return id;
    }

    private async Task CommitAsync(CancellationToken ct)
    {
        var batch = _writer.TakeBatch();
        if (batch.IsEmpty) return;
        Statistics.Events += batch.Events.Count;
        if (batch.NewEntities.Count > 0) batch.Meta[ResolutionEngine.SequenceMetaKey] = _minter.NextSequence.ToString(CultureInfo.InvariantCulture);
        await _store.ApplyAsync(batch, ct);
    }

    /// <summary>
    /// Merges each record that named a successor into the successor's entity (when the file or the registry holds it),
    /// as accepted review decisions by the import's actor, all in one transaction: logged, the absorbed id redirecting.
    /// A merge the registry refuses (a cannot-link, different live identifiers) is counted with its reason.
    /// </summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        var pairs = new List<(string Absorbed, string Survivor, string Why)>();
        foreach (var (entityId, id, successor) in _successors)
        {
            if (!_ids.TryGetValue((successor.Scheme, successor.Value), out var holder)) continue;
            var (absorbed, survivor) = (Survivor(entityId), Survivor(holder.EntityId));
            if (absorbed == survivor || !await ClaimProposalAsync(absorbed, survivor, ct)) continue;
            _writer.Batch.NewProposals.Add(new ReviewProposal(0, survivor, absorbed, 1.0, $"{id} succeeded by {successor}", ProposalStatus.Pending, DateTimeOffset.UtcNow));
            pairs.Add((absorbed, survivor, $"{id} succeeded by {successor}"));
        }
        await CommitAsync(ct);
        if (pairs.Count == 0) return;
        var pending = (await _store.GetProposalsAsync(ProposalStatus.Pending, ct)).ToLookup(p => (p.EntityA, p.EntityB));
        var requests = pairs.Select(p => pending[(p.Survivor, p.Absorbed)].FirstOrDefault() is { } proposal
                ? new ReviewDecisionRequest(proposal.Id, ReviewDecisionStatus.Accepted, _actor, p.Why, p.Survivor, p.Absorbed)
                : null)
            .OfType<ReviewDecisionRequest>().ToList();
        foreach (var outcome in await _store.RecordDecisionsAsync(requests, ct))
        {
            if (outcome.Refusal is { } refusal)
            {
                Statistics.MergesRefused.Add($"{outcome.Request.Comment}: {refusal}");
                continue;
            }
            _survivorOf[outcome.Request.AbsorbedId!] = outcome.Request.SurvivorId;
            Statistics.Merged++;
            Statistics.Events += 2;
        }
    }

    public ValueTask<string> MintIdAsync(Party party, CancellationToken ct)
    {
        string id;
        do id = _minter.Mint(RegistryWriter.PrefixOf(party.Kind));
        while (_survivorOf.ContainsKey(id)); // never re-issue, even on a 65-bit collision
        return ValueTask.FromResult(id);
    }

    public ValueTask<long> NextVariantIdAsync(CancellationToken ct) => ValueTask.FromResult(++_variantId);

    /// <summary>A successor pair not proposed before (pending or decided, in the registry or by this import) and free of a cannot-link.</summary>
    public async ValueTask<bool> ClaimProposalAsync(string a, string b, CancellationToken ct)
    {
        if (_claimed is null)
        {
            _claimed = (await _store.GetProposalsAsync(null, ct)).Select(p => RegistryState.Pair(p.EntityA, p.EntityB)).ToHashSet();
            _claimed.UnionWith((await _store.GetCannotLinksAsync(ct)).Select(l => RegistryState.Pair(l.A, l.B)));
        }
        return _claimed.Add(RegistryState.Pair(a, b));
    }

    /// <summary>Pairs proposed or under a cannot-link, read once when the first successor pair is claimed.</summary>
    private HashSet<(string, string)>? _claimed;
}
