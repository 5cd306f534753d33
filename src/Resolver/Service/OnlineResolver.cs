using Names.Normalization;
using Names.Resolver.Candidates;
using Names.Resolver.Comparison;
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
public sealed class OnlineResolver : IEntityLookup
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
    public async Task<IReadOnlyList<PartyResolution>> ResolveAsync(NameInput input, string actor, string source, CancellationToken ct = default)
    {
        var result = new List<PartyResolution>();
        foreach (var party in _normalizer.Normalize(input))
        {
            if (party.Problem.Length > 0 || party.CompactKey.Length == 0)
            {
                result.Add(new PartyResolution(party, "", party.Kind.ToText(), "", ResolutionKind.Rejected, 0, "",
                    Problem: party.Problem.Length > 0 ? party.Problem : "empty name"));
                continue;
            }
            var (resolution, written) = await _registry.WriteLockedAsync(NameLockKey.For(party), s => DecideAsync(s, party, input.Name ?? "", actor, source, ct), ct);
            if (written is not null) _model.Apply(written); // committed: this instance's next lookup sees it at once
            result.Add(resolution);
        }
        return result;
    }

    private async Task<(PartyResolution Resolution, RegistryBatch? Written)> DecideAsync(IRegistrySession s, Party party, string rawName, string actor, string source, CancellationToken ct)
    {
        var kind = party.Kind.ToText();
        // Re-checked under the lock: a concurrent request for the same name may have just written it.
        var known = await s.FindVariantAsync(kind, party.NameKey, party.CompactKey, party.Country, ct);
        if (known is not null)
        {
            var entity = await SurvivorAsync(s, known.EntityId, ct) ?? throw new InvalidOperationException($"variant {known.Id} names unknown entity {known.EntityId}");
            return (new PartyResolution(party, entity.Id, entity.Kind, entity.CanonicalName, ResolutionKind.Matched, 1.0, "known variant"), null);
        }

        var record = NameRecord.FromParty(party);
        // Every change committed before the lock was granted is read into the model before comparing.
        await _model.EnsureFreshAsync(TimeSpan.Zero, ct, s);
        var (matches, groups) = Match(record);
        var decision = _matcher.Decide(matches);
        var writer = new RegistryWriter(new SessionWriteTarget(s), actor);
        var written = await writer.WriteAsync(party, record, decision, new VariantOrigin(source, RawName: rawName), ct);
        var batch = writer.TakeBatch();
        await s.WriteAsync(batch, ct);
        var (targetKind, canonical) = written.Minted ? (kind, party.DisplayName)
            : (groups[decision.Target!.Group].Entity.Kind, groups[decision.Target.Group].Entity.CanonicalName);
        return (new PartyResolution(party, written.EntityId, targetKind, canonical, decision.Resolution, Math.Round(decision.Score, 4), written.Explanation,
            written.ProposedWith), batch);
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
    private sealed class StoredRecords(ComparisonRecordCache cache) : ICandidateRecords<EntityRow, MemberRow>
    {
        public string IdOf(EntityRow entity) => entity.Id;
        public NameRecord RecordOf(MemberRow member) => cache.Get(member);
        public NameRecord? ContextPoolOf(EntityRow entity) => null;
    }
}
