using System.Globalization;
using Names.Normalization;
using Names.Resolver.Candidates;
using Names.Resolver.Comparison;
using Names.Resolver.Identifiers;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;

namespace Names.Resolver.Service;

/// <summary>
/// The single-request path of the service: looks a name up (ranked candidates with explanations) or resolves it to
/// an id, reading candidates from the store by blocking key on every request, so that several processes on one
/// database see each other's writes. Decisions follow <see cref="ResolutionEngine"/>: a known variant is matched;
/// a new variant is linked at or above the upper threshold when the entity's members agree, proposed for review
/// between the thresholds (new entity + proposal), and minted below. The decision for one name is taken inside
/// <see cref="IOnlineRegistry.WriteLockedAsync{T}"/>, re-reading the registry under the database lock, so concurrent
/// requests for one name (any thread, process or instance) mint exactly one id. Thread-safe.
/// </summary>
public sealed class OnlineResolver
{
    private readonly IOnlineRegistry _registry;
    private readonly IPairScorer _scorer;
    private readonly NameNormalizer _normalizer;
    private readonly ResolutionOptions _options;
    private readonly TokenStatistics _tokens;
    private readonly NameConflictRule _nameConflicts;
    private readonly BlockingKeyGenerator _keys = new();
    private readonly ComparisonRecordCache _records = new();

    public OnlineResolver(IOnlineRegistry registry, IPairScorer scorer, NameNormalizer normalizer, ResolutionOptions options, TokenStatistics tokens)
    {
        _registry = registry;
        _scorer = scorer;
        _normalizer = normalizer;
        _options = options;
        _tokens = tokens;
        _nameConflicts = new NameConflictRule(options);
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

    public IPairScorer Scorer => _scorer;
    public ResolutionOptions Options => _options;
    public NameNormalizer Normalizer => _normalizer;

    /// <summary>
    /// Uses the latest model stored in the registry (else the built-in default) and a snapshot of the token
    /// frequencies (weights of rare words; read once, they change slowly).
    /// </summary>
    public static async Task<OnlineResolver> CreateAsync(IOnlineRegistry registry, NameNormalizer normalizer, ResolutionOptions? options = null, CancellationToken ct = default)
    {
        var stored = await registry.ReadAsync(s => s.GetLatestModelAsync(ct), ct);
        var scorer = stored is null ? DefaultModel.Load() : PairScorerSerializer.Deserialize(stored.Parameters);
        var tokens = new TokenStatistics();
        await foreach (var nameKey in registry.ReadNameKeysAsync(ct))
            tokens.Add(nameKey.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return new OnlineResolver(registry, scorer, normalizer, options ?? new ResolutionOptions(), tokens);
    }

    public IReadOnlyList<Party> Normalize(NameInput input) => _normalizer.Normalize(input);

    /// <summary>Candidates for each party of the name, best first, at most <paramref name="limit"/> each. Writes nothing.</summary>
    public async Task<IReadOnlyList<PartyLookup>> LookupAsync(NameInput input, int limit, CancellationToken ct = default)
    {
        var result = new List<PartyLookup>();
        foreach (var party in _normalizer.Normalize(input))
        {
            if (party.Problem.Length > 0 || party.CompactKey.Length == 0)
            {
                result.Add(new PartyLookup(party, []));
                continue;
            }
            var record = NameRecord.FromParty(party);
            var candidates = await _registry.ReadAsync(async s =>
            {
                var matches = (await MatchAsync(s, record, ct)).OrderByDescending(c => c.Probability).ThenBy(c => c.EntityId, StringComparer.Ordinal).ToList();
                // As resolve would: the exact name already in the registry answers with its entity first, certain.
                var known = await s.FindVariantAsync(party.Kind.ToText(), party.NameKey, party.CompactKey, party.Country, ct);
                if (known is not null && await SurvivorAsync(s, known.EntityId, ct) is { } entity)
                {
                    matches.RemoveAll(m => m.EntityId == entity.Id);
                    matches.Insert(0, new EntityCandidate(entity.Id, entity.Kind, entity.CanonicalName, known.DisplayName, 1.0, KnownVariantScore, 0, 0, true));
                }
                return matches;
            }, ct);
            result.Add(new PartyLookup(party, candidates.Take(limit).ToList()));
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
            result.Add(await _registry.WriteLockedAsync(NameLockKey.For(party), s => DecideAsync(s, party, actor, source, ct), ct));
        }
        return result;
    }

    private async Task<PartyResolution> DecideAsync(IRegistrySession s, Party party, string actor, string source, CancellationToken ct)
    {
        var kind = party.Kind.ToText();
        // Re-checked under the lock: a concurrent request for the same name may have just written it.
        var known = await s.FindVariantAsync(kind, party.NameKey, party.CompactKey, party.Country, ct);
        if (known is not null)
        {
            var entity = await SurvivorAsync(s, known.EntityId, ct) ?? throw new InvalidOperationException($"variant {known.Id} names unknown entity {known.EntityId}");
            return new PartyResolution(party, entity.Id, entity.Kind, entity.CanonicalName, ResolutionKind.Matched, 1.0, "known variant");
        }

        var record = NameRecord.FromParty(party);
        var matches = await MatchAsync(s, record, ct);
        var batch = new RegistryBatch();
        var now = DateTimeOffset.UtcNow;
        var best = matches.Where(m => m.Allowed).MaxBy(m => m.Probability);
        string targetId, targetKind, canonical, resolution, explanation;
        string? proposedWith = null;
        double score;
        if (best is not null && best.Probability >= _options.UpperThreshold)
        {
            (targetId, targetKind, canonical) = (best.EntityId, best.Kind, best.CanonicalName);
            resolution = ResolutionKind.Matched;
            score = best.Probability;
            explanation = best.Score.Explain();
            foreach (var other in matches.Where(m => m.Allowed && m.EntityId != targetId && m.Probability >= _options.UpperThreshold))
                await ProposeAsync(s, batch, targetId, other.EntityId, other.Probability, "variant " + party.NameKey + " matches both; " + other.Score.Explain(), now, ct);
        }
        else
        {
            targetId = await s.MintIdAsync(party.Kind == EntityKind.Person ? GlobalId.PersonPrefix : GlobalId.LegalEntityPrefix, ct);
            (targetKind, canonical) = (kind, party.DisplayName);
            batch.NewEntities.Add(new EntityRecord(targetId, kind, party.DisplayName));
            batch.Events.Add(new RegistryEvent(RegistryEventType.Minted, targetId, null, actor, party.NameKey, now));
            score = matches.Count == 0 ? 0 : matches.Max(m => m.Probability);
            var candidate = matches.Where(m => m.Probability >= _options.LowerThreshold).MaxBy(m => m.Probability);
            if (candidate is not null)
            {
                resolution = ResolutionKind.Review;
                explanation = candidate.Score.Explain();
                proposedWith = candidate.EntityId;
                await ProposeAsync(s, batch, candidate.EntityId, targetId, candidate.Probability, explanation, now, ct);
            }
            else
            {
                resolution = ResolutionKind.New;
                var nearest = matches.MaxBy(m => m.Probability);
                explanation = nearest is null ? "no candidate" : "nearest " + nearest.EntityId + ": " + nearest.Score.Explain();
            }
        }

        var variantId = await s.NextVariantIdAsync(ct);
        batch.NewVariants.Add(new VariantRecord(variantId, targetId, kind, party.DisplayName, party.NameKey, party.CompactKey, party.AltKey,
            party.Country, record.SerializeExtras(), source, 0, ""));
        // As in the bulk run, character q-gram keys are not stored (they would dominate the key table).
        foreach (var k in _keys.Keys(record))
            if (!k.StartsWith("g:", StringComparison.Ordinal)) batch.NewBlockingKeys.Add(new BlockingKeyRow(k, variantId));
        batch.Events.Add(new RegistryEvent(RegistryEventType.VariantLinked, targetId, null, actor,
            string.Create(CultureInfo.InvariantCulture, $"{party.NameKey} ({resolution}, p={score:0.000})"), now));
        await s.WriteAsync(batch, ct);
        return new PartyResolution(party, targetId, targetKind, canonical, resolution, Math.Round(score, 4), explanation, proposedWith);
    }

    private static async Task ProposeAsync(IRegistrySession s, RegistryBatch batch, string a, string b, double score, string explanation, DateTimeOffset now, CancellationToken ct)
    {
        // A pair already proposed (pending or decided) or recorded as different is not put to reviewers again.
        if (a == b || await s.ProposalExistsAsync(a, b, ct) || await s.CannotLinkExistsAsync(a, b, ct)) return;
        batch.NewProposals.Add(new ReviewProposal(0, a, b, Math.Round(score, 4), explanation, ProposalStatus.Pending, now));
    }

    /// <summary>
    /// Scores two stored variants as a lookup would (hard rules and name conflict rules applied over the model's
    /// probability; the contributions still show what the model saw). For reviewers: why a pair was proposed.
    /// </summary>
    public PairScore ScorePair(VariantRecord a, VariantRecord b)
    {
        NameRecord ra = _records.Get(a), rb = _records.Get(b);
        var levels = _scorer.Comparisons.Compare(ra, rb, _tokens);
        var score = _scorer.Score(levels);
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

    /// <summary>Compares the record with the entities its stored blocking keys reach (grouped by entity, canonical member always compared).</summary>
    private async Task<List<EntityCandidate>> MatchAsync(IRegistrySession s, NameRecord record, CancellationToken ct)
    {
        var keys = _keys.Keys(record).Where(k => !k.StartsWith("g:", StringComparison.Ordinal)).ToList();
        var found = await s.FindByBlockingKeysAsync(keys, _options.BlockCap, _options.MaxCandidates, ct);
        if (found.Count == 0) return [];
        var variants = await s.GetVariantsAsync(found.Select(f => f.VariantId).ToList(), ct);
        // Merges move variants to the survivor, so a variant's entity is nearly always active; absorbed ones are followed.
        var entities = await s.GetEntitiesAsync(variants.Select(v => v.EntityId).Distinct(StringComparer.Ordinal).ToList(), ct);
        var groups = new Dictionary<string, (EntityRecord Entity, List<VariantRecord> Members)>(StringComparer.Ordinal);
        var recordKind = record.Kind;
        foreach (var v in variants)
        {
            if (!entities.TryGetValue(v.EntityId, out var entity)) continue;
            if (entity.Status == EntityStatus.Absorbed && (entity = await SurvivorAsync(s, entity.Id, ct)) is null) continue;
            if (!groups.TryGetValue(entity.Id, out var group))
            {
                // A big cluster fills the ranked list with its members; cap the entities so others get a look (as the bulk engine).
                if (groups.Count >= _options.MaxEntities) continue;
                var entityKind = RegistryState.ParseKind(entity.Kind);
                if (recordKind != EntityKind.Unknown && entityKind != EntityKind.Unknown && recordKind != entityKind) continue; // never a person with a legal entity
                group = (entity, new List<VariantRecord>());
                groups[entity.Id] = group;
            }
            if (group.Members.Count < _options.MaxMembersPerEntity) group.Members.Add(v);
        }
        var firsts = await s.GetFirstVariantsAsync(groups.Keys.ToList(), ct);
        var candidates = new List<EntityCandidate>(groups.Count);
        foreach (var (entityId, (entity, members)) in groups)
        {
            if (firsts.TryGetValue(entityId, out var first) && members.All(m => m.Id != first.Id)) members.Add(first);
            int dissent = 0, bestIndex = -1;
            double bestProbability = -1;
            int[]? bestLevels = null;
            bool bestVetoed = false;
            for (int i = 0; i < members.Count; i++)
            {
                var m = members[i];
                var other = _records.Get(m);
                var levels = _scorer.Comparisons.Compare(record, other, _tokens);
                var vetoed = Vetoed(record, other);
                var p = vetoed ? 0 : _nameConflicts.Apply(record, other, levels, [], _tokens, _scorer.Probability(levels));
                if (p < _options.LowerThreshold) dissent++;
                if (p > bestProbability) (bestProbability, bestIndex, bestLevels, bestVetoed) = (p, i, levels, vetoed);
            }
            var allowed = dissent < _options.MaxDissentShare * members.Count;
            var score = _scorer.Score(bestLevels!);
            // A hard rule or a name conflict rule overrode the model; the contributions still show why it looked alike.
            if (bestVetoed || score.Probability != bestProbability) score = score with { Probability = bestProbability };
            candidates.Add(new EntityCandidate(entity.Id, entity.Kind, entity.CanonicalName, members[bestIndex].DisplayName,
                bestProbability, score, members.Count, dissent, allowed));
        }
        return candidates;
    }
}
