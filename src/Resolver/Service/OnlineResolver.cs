using Names.Normalization;
using Names.Resolver.Candidates;
using Names.Resolver.Comparison;
using Names.Resolver.ExternalIds;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;
using Names.Resolver.Service.ReadModel;
using Names.Resolver.Storage;

namespace Names.Resolver.Service;

/// <summary>
/// The single-request path of the service: looks a name up (ranked candidates with explanations) or resolves it to
/// an id. Candidates come from the in-process <see cref="RegistryReadModel"/>, kept up to date from the database's
/// change feed, so several processes on one database see each other's writes: lookups within
/// <see cref="ReadModelOptions.MaxStaleness"/>, resolves after catching up under the database lock. A known variant is
/// matched; for a new variant the decision is <see cref="LinkDecisionRule"/>'s, the one the bulk
/// <see cref="ResolutionEngine"/> takes: linked at or above the upper threshold when the entity's members agree,
/// proposed for review between the thresholds (new entity + proposal), and minted below. The decision for one name is taken inside
/// <see cref="IOnlineRegistry.WriteLockedAsync{T}"/>, re-reading the registry under the database lock, so concurrent
/// requests for one name (any thread, process or instance) mint exactly one id: the known-variant check reads the
/// database itself. Thread-safe.
/// </summary>
public sealed class OnlineResolver : IEntityLookup, IDisposable
{
    private readonly IOnlineRegistry _registry;
    private readonly EntityMatcher _matcher;
    private readonly NameNormalizer _normalizer;
    private readonly TokenStatistics _tokens;
    private readonly BlockingKeyGenerator _keys = new();
    private readonly StoredRecords _records;
    private readonly RegistryReadModel _model;
    private readonly ReadModelOptions _freshness;

    private OnlineResolver(IOnlineRegistry registry, RegistryReadModel model, ReadModelOptions freshness, IPairScorer scorer, NameNormalizer normalizer,
        ResolutionOptions options, TokenStatistics tokens, string? modelRefused)
    {
        ModelRefused = modelRefused;
        _registry = registry;
        _model = model;
        _freshness = freshness;
        _matcher = new EntityMatcher(scorer, options);
        _normalizer = normalizer;
        _tokens = tokens;
        Scoring = new PairScoring(_matcher, tokens);
        _records = new StoredRecords(Scoring.Records);
        model.VariantsErased += Scoring.Records.Forget;
    }

    /// <summary>Score of an exact known variant: certain, no feature comparison behind it.</summary>
    public static readonly PairScore KnownVariantScore = new(1.0, 0, []);

    public IPairScorer Scorer => _matcher.Model;
    /// <summary>Why the registry's latest model was not loaded (then an earlier or the built-in one scores); null when it was.</summary>
    public string? ModelRefused { get; }
    public ResolutionOptions Options => _matcher.Options;
    /// <summary>Pair scores for reviewers, with this resolver's model and token statistics.</summary>
    public PairScoring Scoring { get; }
    public NameNormalizer Normalizer => _normalizer;
    /// <summary>The in-process image of the registry that lookups read (kept fresh by <see cref="RegistryReadModel.EnsureFreshAsync"/>).</summary>
    public RegistryReadModel ReadModel => _model;
    public ReadModelOptions Freshness => _freshness;

    /// <summary>
    /// Loads the read model of the registry, and uses <paramref name="scorer"/> or else the latest scoring model stored
    /// in it (else the built-in default) and a snapshot of the token frequencies (weights of rare words; read once, they change slowly).
    /// </summary>
    public static async Task<OnlineResolver> CreateAsync(IOnlineRegistry registry, NameNormalizer normalizer, ResolutionOptions? options = null,
        ReadModelOptions? freshness = null, CancellationToken ct = default, IPairScorer? scorer = null)
    {
        options ??= new ResolutionOptions();
        freshness ??= new ReadModelOptions();
        string? refused = null;
        if (scorer is null) (scorer, refused) = await RegistryModel.LoadAsync((kind, c) => registry.ReadAsync(s => s.GetLatestModelAsync(kind, c), c), ct);
        var tokens = new TokenStatistics();
        var model = await RegistryReadModel.LoadAsync(registry, freshness,
            nameKey => tokens.Add(PairScoring.Words(nameKey)), ct);
        return new OnlineResolver(registry, model, freshness, scorer, normalizer, options, tokens, refused);
    }

    public IReadOnlyList<Party> Normalize(NameInput input) => _normalizer.Normalize(input);

    /// <summary>Releases the read model (its candidate index's temporary files).</summary>
    public void Dispose() => _model.Dispose();

    /// <summary>Candidates for each party of the name, best first, at most <paramref name="limit"/> each. Writes nothing.</summary>
    public async Task<IReadOnlyList<PartyLookup>> LookupAsync(NameInput input, int limit, CancellationToken ct = default)
    {
        var result = new List<PartyLookup>();
        var parties = _normalizer.Normalize(input);
        if (parties.Any(p => p.Problem.Length == 0 && p.CompactKey.Length > 0)) await _model.EnsureFreshAsync(_freshness.MaxStaleness, ct);
        foreach (var party in parties)
        {
            if (party.Problem.Length > 0 || party.CompactKey.Length == 0)
            {
                result.Add(new PartyLookup(party, []));
                continue;
            }
            var (scored, groups) = Match(NameRecord.FromParty(party));
            var matches = scored.Select(m => Candidate(m, groups)).OrderByDescending(c => c.Probability).ThenBy(c => c.EntityId, StringComparer.Ordinal).ToList();
            // As resolve would: the exact name already in the registry answers with its entity first, certain.
            if (_model.FindName(party.Kind.ToText(), party.NameKey, party.CompactKey, party.Country) is { } known)
            {
                matches.RemoveAll(m => m.EntityId == known.Entity.Id);
                matches.Insert(0, new EntityCandidate(known.Entity.Id, known.Entity.Kind, known.Entity.CanonicalName, known.Variant.DisplayName, 1.0, KnownVariantScore, 0, 0, true));
            }
            result.Add(new PartyLookup(party, matches.Take(limit).ToList()));
        }
        return result;
    }

    /// <summary>Resolves every party of the name, each under its own database lock; writes new entities, variants, events and proposals.</summary>
    /// <remarks>
    /// <paramref name="externalIds"/>: identifiers the name carries (valid by construction), taken as the bulk run takes
    /// a row's (<see cref="ExternalIdRule"/>); a name of several parties links none of them.
    /// </remarks>
    public async Task<IReadOnlyList<PartyResolution>> ResolveAsync(NameInput input, string actor, string source, CancellationToken ct = default,
        IReadOnlyList<ExternalId>? externalIds = null)
    {
        var result = new List<PartyResolution>();
        var parties = _normalizer.Normalize(input);
        var ids = parties.Count == 1 && externalIds is { Count: > 0 } ? externalIds : null;
        foreach (var party in parties)
        {
            if (party.Problem.Length > 0 || party.CompactKey.Length == 0)
            {
                result.Add(new PartyResolution(party, "", party.Kind.ToText(), "", ResolutionKind.Rejected, 0, "",
                    Problem: party.Problem.Length > 0 ? party.Problem : "empty name"));
                continue;
            }
            var (resolution, written) = await _registry.WriteLockedAsync(NameLockKey.For(party), s => DecideAsync(s, party, ids, input.Name ?? "", actor, source, ct), ct);
            if (written is not null) _model.Apply(written); // committed: this instance's next lookup sees it at once
            result.Add(resolution);
        }
        return result;
    }

    private async Task<(PartyResolution Resolution, RegistryBatch? Written)> DecideAsync(IRegistrySession s, Party party, IReadOnlyList<ExternalId>? ids,
        string rawName, string actor, string source, CancellationToken ct)
    {
        var kind = party.Kind.ToText();
        var writer = new RegistryWriter(new SessionWriteTarget(s), actor);
        var held = ids is null ? null : await HolderAsync(s, ids, ct);
        // Re-checked under the lock: a concurrent request for the same name may have just written it.
        var known = await s.FindVariantAsync(kind, party.NameKey, party.CompactKey, party.Country, ct);
        if (known is not null)
        {
            var entity = await SurvivorAsync(s, known.EntityId, ct) ?? throw new InvalidOperationException($"variant {known.Id} names unknown entity {known.EntityId}");
            if (held is { } h && h.Holder.Id != entity.Id) return await KnownNameHeldElsewhereAsync(s, writer, party, known, entity, h.Holder, h.Id, ct);
            if (held is { } sameId)
                return (new PartyResolution(party, entity.Id, entity.Kind, entity.CanonicalName, ResolutionKind.Matched, 1.0, ExternalIdRule.Same(sameId.Id)), null);
            if (ids is not null && !ExternalIdRule.MayHold(await PartyIdsAsync(s, entity.Id, ct), ids))
            {
                // Its entity holds another of the scheme (and a name has one variant): a new entity holds the identifiers, proposed with it.
                var minted = await writer.MintAsync(party, ct);
                await LinkAsync(s, writer, ids, minted, source, actor, ct, write: false);
                var explanation = ExternalIdRule.HeldElsewhere(entity.Id, ids);
                var knownRecord = RegistryState.RecordOf(known);
                var proposed = await writer.ProposeAsync(entity.Id, minted, _matcher.ScorePair(knownRecord, knownRecord, _tokens), explanation, ct);
                var mintedBatch = writer.TakeBatch();
                await s.WriteAsync(mintedBatch, ct);
                return (new PartyResolution(party, minted, kind, party.DisplayName, ResolutionKind.Review, 1.0, explanation, proposed ? entity.Id : null), mintedBatch);
            }
            var linked = ids is null ? null : await LinkAsync(s, writer, ids, entity.Id, source, actor, ct);
            return (new PartyResolution(party, entity.Id, entity.Kind, entity.CanonicalName, ResolutionKind.Matched, 1.0, "known variant"), linked);
        }

        var record = NameRecord.FromParty(party);
        var origin = new VariantOrigin(source, RawName: rawName);
        if (held is { } holding) return await ResolveHeldAsync(s, writer, party, record, holding.Holder, holding.Id, ids!, origin, source, actor, ct);
        // Every change committed before the lock was granted is read into the model before comparing.
        await _model.EnsureFreshAsync(TimeSpan.Zero, ct, s);
        var groups = _model.Candidates(record, CandidateTerms.Of(record, _keys), _matcher);
        var records = ids is null ? _records : new StoredRecords(Scoring.Records, await PartyIdsAsync(s, groups.Select(g => g.Entity.Id), ct));
        var matches = _matcher.Score(record, groups, records, _tokens, ids);
        var decision = _matcher.Decide(matches);
        var written = await writer.WriteAsync(party, record, decision, origin, ct);
        if (ids is not null) await LinkAsync(s, writer, ids, written.EntityId, source, actor, ct, write: false);
        var batch = writer.TakeBatch();
        await s.WriteAsync(batch, ct);
        var (targetKind, canonical) = written.Minted ? (kind, party.DisplayName)
            : (groups[decision.Target!.Group].Entity.Kind, groups[decision.Target.Group].Entity.CanonicalName);
        return (new PartyResolution(party, written.EntityId, targetKind, canonical, decision.Resolution, Math.Round(decision.Score, 4), written.Explanation,
            written.ProposedWith), batch);
    }

    /// <summary>A new name carrying an identifier an entity holds: linked to the holder with score 1, or, when the holder's names contradict it, a new entity proposed with it.</summary>
    private async Task<(PartyResolution, RegistryBatch?)> ResolveHeldAsync(IRegistrySession s, RegistryWriter writer, Party party, NameRecord record,
        EntityRecord holder, ExternalId held, IReadOnlyList<ExternalId> ids, VariantOrigin origin, string source, string actor, CancellationToken ct)
    {
        var best = await BestScoreAsync(s, record, holder.Id, ct);
        PartyResolution resolution;
        if (ExternalIdRule.Contradicts(best, Options))
        {
            var minted = await writer.MintAsync(party, ct);
            var explanation = ExternalIdRule.Contradiction(held, holder.Id, best!);
            var proposed = await writer.ProposeAsync(holder.Id, minted, best!, explanation, ct);
            await writer.LinkAsync(minted, party, record, ResolutionKind.Review, best!.Probability, origin, ct);
            resolution = new PartyResolution(party, minted, party.Kind.ToText(), party.DisplayName, ResolutionKind.Review, Math.Round(best.Probability, 4), explanation,
                proposed ? holder.Id : null);
        }
        else
        {
            await writer.LinkAsync(holder.Id, party, record, ResolutionKind.Matched, 1, origin, ct);
            await LinkAsync(s, writer, ids, holder.Id, source, actor, ct, write: false);
            resolution = new PartyResolution(party, holder.Id, holder.Kind, holder.CanonicalName, ResolutionKind.Matched, 1.0, ExternalIdRule.Same(held));
        }
        var batch = writer.TakeBatch();
        await s.WriteAsync(batch, ct);
        return (resolution, batch);
    }

    /// <summary>A known name whose identifier another entity holds: that holder answers, unless its names contradict the name (then the name's entity is proposed with it).</summary>
    private async Task<(PartyResolution, RegistryBatch?)> KnownNameHeldElsewhereAsync(IRegistrySession s, RegistryWriter writer, Party party, VariantRecord known,
        EntityRecord entity, EntityRecord holder, ExternalId held, CancellationToken ct)
    {
        var best = await BestScoreAsync(s, RegistryState.RecordOf(known), holder.Id, ct);
        if (!ExternalIdRule.Contradicts(best, Options))
            return (new PartyResolution(party, holder.Id, holder.Kind, holder.CanonicalName, ResolutionKind.Matched, 1.0, ExternalIdRule.Same(held)), null);
        var explanation = ExternalIdRule.Contradiction(held, holder.Id, best!);
        var proposed = await writer.ProposeAsync(entity.Id, holder.Id, best!, explanation, ct);
        var batch = writer.TakeBatch();
        await s.WriteAsync(batch, ct);
        return (new PartyResolution(party, entity.Id, entity.Kind, entity.CanonicalName, ResolutionKind.Review, Math.Round(best!.Probability, 4), explanation,
            proposed ? holder.Id : null), batch);
    }

    /// <summary>The best score of the record against the entity's names (null when it has none).</summary>
    private async Task<PairScore?> BestScoreAsync(IRegistrySession s, NameRecord record, string entityId, CancellationToken ct)
    {
        PairScore? best = null;
        foreach (var v in await s.GetVariantsOfEntityAsync(entityId, 0, Options.MaxCandidates, ct))
        {
            var score = _matcher.ScorePair(record, RegistryState.RecordOf(v), _tokens);
            if (best is null || score.Probability > best.Probability) best = score;
        }
        return best;
    }

    /// <summary>The active entity holding one of the identifiers (the first held), with that identifier; null when nobody holds any.</summary>
    private static async Task<(EntityRecord Holder, ExternalId Id)?> HolderAsync(IRegistrySession s, IReadOnlyList<ExternalId> ids, CancellationToken ct)
    {
        foreach (var id in ids)
            if (await s.FindExternalIdAsync(id.Scheme, id.Value, ct) is { } link && await SurvivorAsync(s, link.EntityId, ct) is { } holder) return (holder, id);
        return null;
    }

    private static async Task<IReadOnlyCollection<ExternalId>> PartyIdsAsync(IRegistrySession s, string entityId, CancellationToken ct) =>
        (await s.GetExternalIdsAsync(entityId, ct))
            .Where(x => !x.Status.StartsWith(ExternalIdStatus.SupersededBy, StringComparison.Ordinal))
            .Select(x => ExternalIdSchemes.TryParse(x.Scheme, x.Value, out var id, out _) ? id : null).OfType<ExternalId>().ToList();

    private static async Task<Dictionary<string, IReadOnlyCollection<ExternalId>>> PartyIdsAsync(IRegistrySession s, IEnumerable<string> entityIds, CancellationToken ct)
    {
        var byEntity = new Dictionary<string, IReadOnlyCollection<ExternalId>>(StringComparer.Ordinal);
        foreach (var id in entityIds) byEntity[id] = await PartyIdsAsync(s, id, ct);
        return byEntity;
    }

    /// <summary>Links to the entity each identifier nobody holds, unless it holds another of its scheme; written at once unless <paramref name="write"/> is false.</summary>
    private static async Task<RegistryBatch?> LinkAsync(IRegistrySession s, RegistryWriter writer, IReadOnlyList<ExternalId> ids, string entityId, string source,
        string actor, CancellationToken ct, bool write = true)
    {
        var holds = (await PartyIdsAsync(s, entityId, ct)).ToList();
        foreach (var id in ids)
        {
            if (ExternalId.Contradicting([id], holds) is not null || await s.FindExternalIdAsync(id.Scheme, id.Value, ct) is not null) continue;
            ExternalIdRule.Link(writer.Batch, id, entityId, source, actor);
            holds.Add(id);
        }
        if (!write || writer.Batch.IsEmpty) return null;
        var batch = writer.TakeBatch();
        await s.WriteAsync(batch, ct);
        return batch;
    }

    /// <summary>The service's writes: ids from the registry's shared sequence, proposals checked in the database, under the name's lock.</summary>
    private sealed class SessionWriteTarget(IRegistrySession s) : IRegistryWriteTarget
    {
        public async ValueTask<string> MintIdAsync(Party party, CancellationToken ct) => await s.MintIdAsync(RegistryWriter.PrefixOf(party.Kind), ct);
        public async ValueTask<long> NextVariantIdAsync(CancellationToken ct) => await s.NextVariantIdAsync(ct);
        // A pair already proposed (pending or decided) or recorded as different is not put to reviewers again.
        public async ValueTask<bool> ClaimProposalAsync(string a, string b, CancellationToken ct) =>
            !await s.ProposalExistsAsync(a, b, ct) && !await s.CannotLinkExistsAsync(a, b, ct);
    }

    /// <summary>Follows absorbed ids to the active entity; null when the id was never issued.</summary>
    public static Task<EntityRecord?> SurvivorAsync(IRegistrySession s, string id, CancellationToken ct) =>
        SurvivorWalk.FollowAsync(id, e => s.GetEntityAsync(e, ct));

    /// <summary>Compares the record with the entities its blocking keys reach in the read model.</summary>
    private (List<EntityMatch> Matches, List<CandidateGroup<EntityRow, MemberRow>> Groups) Match(NameRecord record)
    {
        var groups = _model.Candidates(record, CandidateTerms.Of(record, _keys), _matcher);
        return (_matcher.Score(record, groups, _records, _tokens), groups);
    }

    private static EntityCandidate Candidate(EntityMatch m, List<CandidateGroup<EntityRow, MemberRow>> groups)
    {
        var (entity, members) = (groups[m.Group].Entity, groups[m.Group].Members);
        return new EntityCandidate(entity.Id, entity.Kind, entity.CanonicalName, members[m.BestMember].DisplayName, m.Probability, m.BestScore,
            m.Compared, m.Dissenting, m.Allowed);
    }

    /// <summary>Comparison records of the read model's members (cached: parsing the packed fields costs more than comparing).</summary>
    private sealed class StoredRecords(ComparisonRecordCache cache, IReadOnlyDictionary<string, IReadOnlyCollection<ExternalId>>? externalIds = null)
        : ICandidateRecords<EntityRow, MemberRow>
    {
        public string IdOf(EntityRow entity) => entity.Id;
        public NameRecord RecordOf(MemberRow member) => cache.Get(member);
        public NameRecord? ContextPoolOf(EntityRow entity) => null;
        public IReadOnlyCollection<ExternalId> ExternalIdsOf(EntityRow entity) => externalIds?.GetValueOrDefault(entity.Id) ?? [];
    }
}
