using System.Globalization;
using Names.Normalization;
using Names.Resolver.Candidates;
using Names.Resolver.Comparison;
using Names.Resolver.Identifiers;
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
public sealed class OnlineResolver
{
    private readonly IOnlineRegistry _registry;
    private readonly ScorerByKind _scorers;
    private readonly NameNormalizer _normalizer;
    private readonly ResolutionOptions _options;
    private readonly TokenStatistics _tokens;
    private readonly NameConflictRule _nameConflicts;
    private readonly LinkDecisionRule _decisions;
    private readonly BlockingKeyGenerator _keys = new();
    private readonly ComparisonRecordCache _records = new();
    private readonly RegistryReadModel _model;
    private readonly ReadModelOptions _freshness;

    private OnlineResolver(IOnlineRegistry registry, RegistryReadModel model, ReadModelOptions freshness, IPairScorer scorer, NameNormalizer normalizer,
        ResolutionOptions options, TokenStatistics tokens)
    {
        _registry = registry;
        _model = model;
        _freshness = freshness;
        _scorers = new ScorerByKind(scorer);
        _normalizer = normalizer;
        _options = options;
        _tokens = tokens;
        _nameConflicts = new NameConflictRule(options);
        _decisions = new LinkDecisionRule(options);
        _vetoes = ComparisonSet.FromNames(options.VetoLevels.Keys).Features.Select(f => (f, options.VetoLevels[f.Name])).ToArray();
    }

    /// <summary>Hard rules of <see cref="ResolutionOptions.VetoLevels"/> (as in the bulk engine): a vetoed pair scores 0.</summary>
    private readonly (IComparisonFeature Feature, int[] Levels)[] _vetoes;

    private bool Vetoed(NameRecord a, NameRecord b)
    {
        foreach (var (feature, vetoing) in _vetoes)
            if (Array.IndexOf(vetoing, feature.Compare(a, b, _tokens)) >= 0) return true;
        return false;
    }

    /// <summary>Score of an exact known variant: certain, no feature comparison behind it.</summary>
    public static readonly PairScore KnownVariantScore = new(1.0, 0, []);

    public IPairScorer Scorer => _scorers.Model;
    public ResolutionOptions Options => _options;
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
        if (scorer is null)
        {
            var stored = await registry.ReadAsync(s => s.GetLatestModelAsync(ct), ct);
            scorer = stored is null ? DefaultModel.Load() : PairScorerSerializer.Deserialize(stored.Parameters);
        }
        var tokens = new TokenStatistics();
        var model = await RegistryReadModel.LoadAsync(registry, freshness,
            nameKey => tokens.Add(nameKey.Split(' ', StringSplitOptions.RemoveEmptyEntries)), ct);
        return new OnlineResolver(registry, model, freshness, scorer, normalizer, options, tokens);
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
            var matches = Match(NameRecord.FromParty(party)).OrderByDescending(c => c.Probability).ThenBy(c => c.EntityId, StringComparer.Ordinal).ToList();
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
        var matches = Match(record);
        var batch = new RegistryBatch();
        var now = DateTimeOffset.UtcNow;
        var decision = _decisions.Decide(matches);
        var resolution = decision.Resolution;
        var score = decision.Score;
        string targetId, targetKind, canonical, explanation;
        string? proposedWith = null;
        if (resolution == ResolutionKind.Matched)
        {
            var best = decision.Target!;
            (targetId, targetKind, canonical) = (best.EntityId, best.Kind, best.CanonicalName);
            explanation = best.Score.Explain();
            foreach (var other in decision.AlsoMatching)
                await ProposeAsync(s, batch, targetId, other.EntityId, other.Probability, "variant " + party.NameKey + " matches both; " + other.Score.Explain(), other.Score.Contributions, now, ct);
        }
        else
        {
            targetId = await s.MintIdAsync(party.Kind == EntityKind.Person ? GlobalId.PersonPrefix : GlobalId.LegalEntityPrefix, ct);
            (targetKind, canonical) = (kind, party.DisplayName);
            batch.NewEntities.Add(new EntityRecord(targetId, kind, party.DisplayName));
            batch.Events.Add(new RegistryEvent(RegistryEventType.Minted, targetId, null, actor, party.NameKey, now));
            if (decision.Target is { } candidate)
            {
                explanation = candidate.Score.Explain();
                proposedWith = candidate.EntityId;
                await ProposeAsync(s, batch, candidate.EntityId, targetId, candidate.Probability, explanation, candidate.Score.Contributions, now, ct);
            }
            else
                explanation = decision.Nearest is { } nearest ? "nearest " + nearest.EntityId + ": " + nearest.Score.Explain() : "no candidate";
        }

        var variantId = await s.NextVariantIdAsync(ct);
        batch.NewVariants.Add(new VariantRecord(variantId, targetId, kind, party.DisplayName, party.NameKey, party.CompactKey, party.AltKey,
            party.Country, record.SerializeExtras(), source, 0, "", rawName));
        // As in the bulk run, character q-gram keys are not stored (they would dominate the key table).
        foreach (var k in _keys.Keys(record, qGrams: false)) batch.NewBlockingKeys.Add(new BlockingKeyRow(k, variantId));
        batch.Events.Add(new RegistryEvent(RegistryEventType.VariantLinked, targetId, null, actor,
            string.Create(CultureInfo.InvariantCulture, $"{party.NameKey} ({resolution}, p={score:0.000})"), now));
        await s.WriteAsync(batch, ct);
        return (new PartyResolution(party, targetId, targetKind, canonical, resolution, Math.Round(score, 4), explanation, proposedWith), batch);
    }

    private static async Task ProposeAsync(IRegistrySession s, RegistryBatch batch, string a, string b, double score, string explanation,
        IReadOnlyList<FeatureContribution> contributions, DateTimeOffset now, CancellationToken ct)
    {
        // A pair already proposed (pending or decided) or recorded as different is not put to reviewers again.
        if (a == b || await s.ProposalExistsAsync(a, b, ct) || await s.CannotLinkExistsAsync(a, b, ct)) return;
        batch.NewProposals.Add(new ReviewProposal(0, a, b, Math.Round(score, 4), explanation, ProposalStatus.Pending, now, Contributions: contributions));
    }

    /// <summary>
    /// Scores two stored variants as a lookup would (hard rules and name conflict rules applied over the model's
    /// probability; the contributions still show what the model saw). For reviewers: why a pair was proposed.
    /// </summary>
    public PairScore ScorePair(VariantRecord a, VariantRecord b)
    {
        NameRecord ra = _records.Get(a), rb = _records.Get(b);
        var scorer = _scorers.For(ra.Kind);
        var levels = scorer.Comparisons.Compare(ra, rb, _tokens);
        var score = scorer.Score(levels);
        var p = Vetoed(ra, rb) ? 0 : _nameConflicts.Apply(ra, rb, levels, [], _tokens, score.Probability);
        return p == score.Probability ? score : score with { Probability = p };
    }

    /// <summary>Follows absorbed ids to the active entity; null when the id was never issued.</summary>
    public static async Task<EntityRecord?> SurvivorAsync(IRegistrySession s, string id, CancellationToken ct)
    {
        var entity = await s.GetEntityAsync(id, ct);
        for (int guard = 0; entity is { SurvivorId: not null } && entity.Status == EntityStatus.Absorbed && guard < 1000; guard++)
            entity = await s.GetEntityAsync(entity.SurvivorId, ct);
        return entity;
    }

    /// <summary>Compares the record with the entities its blocking keys reach in the read model (grouped by entity, canonical member always compared).</summary>
    private List<EntityCandidate> Match(NameRecord record)
    {
        var groups = _model.Candidates(CandidateTerms.Of(record, _keys), record.Kind, _options);
        var candidates = new List<EntityCandidate>(groups.Count);
        var scorer = _scorers.For(record.Kind);
        foreach (var (entity, members) in groups)
        {
            int dissent = 0, bestIndex = -1;
            double bestProbability = -1;
            int[]? bestLevels = null;
            bool bestVetoed = false;
            for (int i = 0; i < members.Count; i++)
            {
                var m = members[i];
                var other = _records.Get(m);
                var levels = scorer.Comparisons.Compare(record, other, _tokens);
                var vetoed = Vetoed(record, other);
                var p = vetoed ? 0 : _nameConflicts.Apply(record, other, levels, [], _tokens, scorer.Probability(levels));
                if (_decisions.ClearlyDiffers(p)) dissent++;
                if (p > bestProbability) (bestProbability, bestIndex, bestLevels, bestVetoed) = (p, i, levels, vetoed);
            }
            // Online records carry no context, so never the person-with-context share (memberWise: false), as in bulk.
            var allowed = _decisions.Agrees(dissent, members.Count, memberWise: false);
            var score = scorer.Score(bestLevels!);
            // A hard rule or a name conflict rule overrode the model; the contributions still show why it looked alike.
            if (bestVetoed || score.Probability != bestProbability) score = score with { Probability = bestProbability };
            candidates.Add(new EntityCandidate(entity.Id, entity.Kind, entity.CanonicalName, members[bestIndex].DisplayName,
                bestProbability, score, members.Count, dissent, allowed));
        }
        return candidates;
    }
}
