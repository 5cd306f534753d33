using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Names.Normalization;
using Names.Resolver.Candidates;
using Names.Resolver.Comparison;
using Names.Resolver.Identifiers;
using Names.Resolver.Scoring;
using Names.Resolver.Review;
using Names.Resolver.Storage;

namespace Names.Resolver.Resolution;

/// <summary>
/// Streams input rows to global ids against one registry. Per party: a known variant is attached to its entity without
/// scoring; a new variant is compared with the candidates the index finds, grouped by entity, and is linked (best
/// entity at or above the upper threshold and the entity's compared members mostly agree), proposed for review
/// (between thresholds: a new entity plus a proposal), or minted as a new entity. Existing entities are never merged
/// automatically; evidence that two of them are one becomes a proposal. One run at a time per engine.
/// </summary>
public sealed class ResolutionEngine
{
    private readonly IRegistryStore _store;
    private readonly NameNormalizer _normalizer;
    private readonly ResolutionOptions _options;
    private readonly RegistryState _state;
    private readonly IdMinter _minter;
    private RegistryBatch _batch = new();

    private ResolutionEngine(IRegistryStore store, IPairScorer scorer, NameNormalizer normalizer, ResolutionOptions options, RegistryState state, IdMinter minter)
    {
        _store = store;
        _normalizer = normalizer;
        _options = options;
        _state = state;
        _minter = minter;
        _nameConflicts = new NameConflictRule(options);
        _decisions = new LinkDecisionRule(options);
        _vetoes = ComparisonSet.FromNames(options.VetoLevels.Keys).Features.Select(f => (f, options.VetoLevels[f.Name])).ToArray();
        _dateFeatures = scorer.Comparisons.Features.Select((f, i) => (f, i)).Where(x => x.f is DateContextFeature).Select(x => x.i).ToArray();
        _scorers = new ScorerByKind(scorer);
        _contextFeatures = scorer.Comparisons.Features.Select((f, i) => (f, i)).Where(x => x.f is ContextOverlapFeature or DateContextFeature or ContextTextFeature).Select(x => x.i).ToArray();
    }

    /// <summary>Hard rules from <see cref="ResolutionOptions.VetoLevels"/>, evaluated whatever features the model uses.</summary>
    private readonly (IComparisonFeature Feature, int[] Levels)[] _vetoes;

    private bool Vetoed(NameRecord a, NameRecord b)
    {
        // A model with a date context (a person model) weighs a given-name mismatch against the dates and places: with
        // that evidence a mismatch is a nickname or short form as often as another person (TOM / THOMAS, KATE /
        // CATHERINE). Without it (names only) the hard rule stands. Measured on splink-historical50k: B-cubed recall
        // +0.03 at unchanged precision (0.994).
        bool modelWeighsGivenNames = _dateFeatures.Length > 0;
        foreach (var (feature, vetoing) in _vetoes)
        {
            if (modelWeighsGivenNames && feature is PersonNameFeature) continue;
            if (Array.IndexOf(vetoing, feature.Compare(a, b, _state.Tokens)) >= 0) return true;
        }
        return false;
    }

    private readonly NameConflictRule _nameConflicts;
    private readonly LinkDecisionRule _decisions;

    /// <summary>Indexes of date context features in the model's comparisons.</summary>
    private readonly int[] _dateFeatures;

    /// <summary>Indexes of context features: compared with the entity's pooled context, not one member's.</summary>
    private readonly int[] _contextFeatures;

    /// <summary>The model, and the built-in one for non-person parties when the model is a person model.</summary>
    private readonly ScorerByKind _scorers;

    public const string SeedMetaKey = "minter.seed";
    public const string SequenceMetaKey = "minter.sequence";

    public IPairScorer Scorer => _scorers.Model;
    public ResolutionOptions Options => _options;
    /// <summary>Statistics of the last (or current) run.</summary>
    public RunStatistics Statistics { get; private set; } = new();

    /// <summary>
    /// Loads the registry into memory. With no <paramref name="scorer"/>, the latest model stored in the registry is used,
    /// else the built-in default (<see cref="DefaultModel"/>). The candidate index is caught up with the registry and
    /// committed after each batch; without <paramref name="index"/> it is built in memory.
    /// </summary>
    public static async Task<ResolutionEngine> OpenAsync(IRegistryStore store, ResolutionOptions? options = null, IPairScorer? scorer = null,
        NameNormalizer? normalizer = null, CancellationToken ct = default, LuceneCandidateIndex? index = null)
    {
        options ??= new ResolutionOptions();
        if (options.ChunkSize < 1 || options.BatchSize < 1) throw new ArgumentException("chunk and batch sizes must be at least 1");
        scorer ??= await PairScorerSerializer.LoadLatestAsync(store, ct) ?? DefaultModel.Load();
        var storedSeed = await store.GetMetaAsync(SeedMetaKey, ct);
        var seed = storedSeed is null ? options.Seed : ulong.Parse(storedSeed, CultureInfo.InvariantCulture);
        var sequence = long.Parse(await store.GetMetaAsync(SequenceMetaKey, ct) ?? "0", CultureInfo.InvariantCulture);

        RunCheckpoint? resume = null, run = null;
        string? notResumed = null;
        RunCheckpoint.RegistryCounters? counters = null;
        if (options.RunFingerprint is not null)
        {
            counters = await RunCheckpoint.CountAsync(store, ct);
            (resume, notResumed) = await RunCheckpoint.FindAsync(store, options.RunFingerprint, counters, ct);
        }
        // A resumed run reads the registry as it was before the interrupted run, then replays the committed rows.
        var without = resume is null ? null : new RegistryState.RunAdditions(resume.BaseVariantId, resume.BaseProposalId, resume.MintedIds(seed));
        var state = await RegistryState.LoadAsync(store, index ?? LuceneCandidateIndex.InMemory(), ct, without);
        if (resume is not null) run = resume;
        else if (counters is not null)
            run = new RunCheckpoint
            {
                Fingerprint = options.RunFingerprint!, Input = options.SourceFile,
                BaseVariantId = state.MaxVariantId, BaseProposalId = state.MaxProposalId, BaseSequence = sequence,
                MaxVariantId = state.MaxVariantId, Sequence = sequence, Events = counters.Events, ModelVersion = counters.ModelVersion,
            };
        var engine = new ResolutionEngine(store, scorer, normalizer ?? NameNormalizer.CreateDefault(), options, state,
            new IdMinter(seed, resume?.BaseSequence ?? sequence))
        {
            _run = run, _resume = resume, _notResumed = notResumed, _checkpointStored = resume is not null,
        };
        if (storedSeed is null) engine._batch.Meta[SeedMetaKey] = seed.ToString(CultureInfo.InvariantCulture);
        return engine;
    }

    /// <summary>Checkpoint of the run in progress (null when the run is not resumable: no fingerprint).</summary>
    private RunCheckpoint? _run;
    /// <summary>The interrupted run being resumed: its chunks are replayed without writing.</summary>
    private RunCheckpoint? _resume;
    private string? _notResumed;
    /// <summary>A checkpoint of this run reached the registry, so its completion must be recorded too.</summary>
    private bool _checkpointStored;

    /// <summary>
    /// Resolves the rows in order. With <see cref="ResolutionOptions.RunFingerprint"/> set, every committed batch records a
    /// <see cref="RunCheckpoint"/>, and a run interrupted before <see cref="CompleteRunAsync"/> is resumed by the next run with
    /// the same fingerprint (its committed rows are replayed and yielded again, without writing). When
    /// <paramref name="stop"/> is signalled, the run ends after the current chunk, commits it and sets
    /// <see cref="RunStatistics.Stopped"/>.
    /// </summary>
    public async IAsyncEnumerable<ResolvedParty> ResolveAsync(IAsyncEnumerable<ResolveInput> rows, [EnumeratorCancellation] CancellationToken ct = default,
        CancellationToken stop = default)
    {
        var stats = Statistics = new RunStatistics { UpperThreshold = _options.UpperThreshold, LowerThreshold = _options.LowerThreshold };
        if (_resume is not null)
        {
            stats.ResumedRows = _resume.RowsCommitted;
            stats.ResumedLastLine = _resume.LastLine;
            stats.ResumedBatches = _resume.Batches;
        }
        stats.NotResumed = _notResumed;
        var clock = Stopwatch.StartNew();
        var rowsPerEntity = new Dictionary<string, int>(StringComparer.Ordinal);
        // Pipeline: while chunk k is resolved (sequentially, decisions depend on earlier rows), chunk k+1 is normalised
        // on the other cores and the previous write batch is committed in the background.
        await using var input = rows.GetAsyncEnumerator(ct);
        var chunk = await ReadChunkAsync(input);
        var normalizing = NormalizeAsync(chunk, ct);
        var chunks = 0;
        long lastLine = _resume?.LastLine ?? 0;
        while (chunk.Count > 0)
        {
            var next = await ReadChunkAsync(input);
            var normalized = await normalizing;
            normalizing = NormalizeAsync(next, ct);
            var results = new List<ResolvedParty>(chunk.Count);
            _mintedInChunk.Clear();
            _foldedInChunk.Clear();
            for (int i = 0; i < chunk.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                stats.Rows++;
                foreach (var party in normalized[i])
                {
                    stats.Parties++;
                    results.Add(ResolveParty(chunk[i], party, stats));
                }
            }
            // Ids minted in this chunk are not handed out yet: a cluster-level comparison may still fold them into another entity.
            if (_options.ClusterLevelMerge) MergeChunkEntities(stats);
            ApplyChunkFolds(results, stats);
            foreach (var result in results)
            {
                if (result.GlobalId.Length > 0) rowsPerEntity[result.GlobalId] = rowsPerEntity.GetValueOrDefault(result.GlobalId) + 1;
                yield return result;
            }
            chunks++;
            lastLine = chunk[^1].Row;
            if (_resume is not null && chunks <= _resume.Chunks)
            {
                // Replayed: the interrupted run committed exactly this. Counters that differ mean the replay decided otherwise.
                if (chunks == _resume.Chunks && (_state.MaxVariantId != _resume.MaxVariantId || _minter.NextSequence != _resume.Sequence || stats.Rows != _resume.RowsCommitted))
                    throw new InvalidOperationException($"resuming the interrupted run of {_resume.Input}: the replay of its {stats.Rows:N0} committed rows did not " +
                                                        "reproduce what it committed; the registry is unchanged, resolve into a fresh registry");
                _batch = new RegistryBatch();
            }
            else if (stop.IsCancellationRequested && next.Count > 0)
                await FlushAsync(wait: false, ct, Checkpoint(chunks, stats, lastLine), evenIfEmpty: true); // the stop point, for the resume
            else if (_batch.NewVariants.Count >= _options.BatchSize)
                await FlushAsync(wait: false, ct, Checkpoint(chunks, stats, lastLine));
            if (stop.IsCancellationRequested && next.Count > 0)
            {
                await normalizing;
                stats.Stopped = true;
                break;
            }
            chunk = next;
        }
        await FlushAsync(wait: true, ct, Checkpoint(chunks, stats, lastLine));
        _resume = null; // replayed once: a further run on this engine writes everything it resolves
        foreach (var size in rowsPerEntity.Values) stats.ClusterSizes[size] = stats.ClusterSizes.GetValueOrDefault(size) + 1;
        foreach (var (id, count) in rowsPerEntity.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(20))
            stats.LargestClusters.Add((id, _state.Entities[id].CanonicalName, count));
        stats.PendingReviews = (await _store.GetProposalsAsync(ProposalStatus.Pending, ct)).Count;
        stats.Elapsed = clock.Elapsed;
    }

    /// <summary>The checkpoint describing the registry once the pending batch is committed (null without a fingerprint).</summary>
    private RunCheckpoint? Checkpoint(int chunks, RunStatistics stats, long lastLine) => _run is null ? null : _run with
    {
        RowsCommitted = stats.Rows, LastLine = lastLine, Chunks = chunks, MaxVariantId = _state.MaxVariantId, Sequence = _minter.NextSequence,
    };

    /// <summary>
    /// Records that the run finished and its outputs are written: the next run with the same input is a plain re-run, not a
    /// resume. Call after the output file is in place; a kill before this call makes the next run replay and rewrite it.
    /// </summary>
    public async Task CompleteRunAsync(CancellationToken ct = default)
    {
        await FlushAsync(wait: true, ct);
        if (_run is null || !_checkpointStored) return;
        var batch = new RegistryBatch();
        batch.Meta[RunCheckpoint.MetaKey] = (_run with { Complete = true }).Serialize();
        await _store.ApplyAsync(batch, ct);
    }

    /// <summary>Convenience for a list of rows (tests, small batches).</summary>
    public async Task<IReadOnlyList<ResolvedParty>> ResolveAllAsync(IEnumerable<ResolveInput> rows, CancellationToken ct = default)
    {
        var list = new List<ResolvedParty>();
        await foreach (var r in ResolveAsync(ToAsync(rows), ct)) list.Add(r);
        return list;
    }

    private static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items)
    {
        foreach (var i in items) yield return i;
        await Task.CompletedTask;
    }

    private ResolvedParty ResolveParty(ResolveInput row, Party party, RunStatistics stats)
    {
        if (party.Problem.Length > 0 || party.CompactKey.Length == 0)
        {
            stats.Rejected++;
            return new ResolvedParty(row, party, "", party.Kind.ToText(), ResolutionKind.Rejected, 0, "", party.NameKey, "", party.Problem.Length > 0 ? party.Problem : "empty name");
        }

        var variantKey = RegistryState.VariantKey(party.Kind, party.NameKey, party.Country);
        if (_state.VariantByKey.TryGetValue(variantKey, out var known) && !ScoredPerRow(row, party))
        {
            stats.KnownVariants++;
            var variant = _state.Variants[known];
            var entity = _state.Survivor(variant.EntityId);
            if (row.Context is { Count: > 0 })
            {
                // Later occurrences add their context (in memory) so the cluster is compared with all of it.
                variant.Record.AddContext(row.Context);
                entity.ContextPool.AddContext(row.Context, RegistryState.MaxPooledContextItems);
            }
            return Answer(row, party, entity, ResolutionKind.Matched, variant.LinkScore, "known variant");
        }

        stats.NewVariants++;
        var record = NameRecord.FromParty(party, row.Context);
        var terms = _state.Terms(record);
        var matches = MatchEntities(record, terms, stats);
        if (matches.Count > 0) stats.AddScore(matches.Max(m => m.BestProbability));
        var decision = _decisions.Decide(matches);

        RegistryState.EntityState target;
        var resolution = decision.Resolution;
        var score = decision.Score;
        string explanation;
        if (resolution == ResolutionKind.Matched)
        {
            var best = decision.Target!;
            target = _state.Entities[best.EntityId];
            explanation = best.BestScore.Explain();
            if (target.Kind == EntityKind.Unknown && party.Kind != EntityKind.Unknown) target.Kind = party.Kind;
            // Evidence that other entities are the same one: never merged silently, proposed instead. Persons with context
            // minted in this chunk (ids not handed out yet) are joined instead: their first rows missed each other (GUS
            // CLARKE / AUGUSTUS CLARK) and this row matches both.
            foreach (var other in decision.AlsoMatching)
            {
                if (_options.ClusterLevelMerge && record.Kind == EntityKind.Person && record.Context.Count > 0 && _contextFeatures.Length > 0
                    && _mintedInChunk.Contains(target.Id) && _mintedInChunk.Contains(other.EntityId)
                    && !_state.CannotLinks.Contains(RegistryState.Pair(target.Id, other.EntityId)))
                {
                    var absorbed = _state.Entities[other.EntityId];
                    Fold(absorbed, target);
                    _foldedInChunk[absorbed.Id] = (target, other.BestProbability, "joined in chunk by " + party.NameKey + ": " + other.BestScore.Explain());
                    continue;
                }
                Propose(target.Id, other.EntityId, other.BestProbability, "variant " + party.NameKey + " matches both; " + other.BestScore.Explain(), other.BestScore.Contributions, stats);
            }
        }
        else
        {
            target = Mint(party);
            if (decision.Target is { } candidate)
            {
                explanation = candidate.BestScore.Explain();
                Propose(candidate.EntityId, target.Id, candidate.BestProbability, explanation, candidate.BestScore.Contributions, stats);
            }
            else
                explanation = decision.Nearest is { } nearest ? "nearest " + nearest.EntityId + ": " + nearest.BestScore.Explain() : "no candidate";
        }

        var id = ++_state.MaxVariantId;
        var stored = new VariantRecord(id, target.Id, party.Kind.ToText(), party.DisplayName, party.NameKey, party.CompactKey, party.AltKey,
            party.Country, record.SerializeExtras(), _options.SourceFile, row.Row, row.SourceRecordId, row.Name ?? "");
        _batch.NewVariants.Add(stored);
        // The key table keeps the blocking keys alone; the candidate index holds them with the words and n-grams.
        foreach (var k in _state.KeyGenerator.Keys(record, qGrams: false)) _batch.NewBlockingKeys.Add(new BlockingKeyRow(k, id));
        _batch.Events.Add(new RegistryEvent(RegistryEventType.VariantLinked, target.Id, null, _options.Actor,
            string.Create(CultureInfo.InvariantCulture, $"{party.NameKey} ({resolution}, p={score:0.000})"), DateTimeOffset.UtcNow));
        _state.AddVariant(new RegistryState.VariantState(id, target.Id, record, party.DisplayName, resolution == ResolutionKind.Matched ? score : 1.0), terms);
        return Answer(row, party, target, resolution, score, explanation);
    }

    /// <summary>Entities minted in the chunk being resolved, in minting order.</summary>
    private readonly List<string> _mintedInChunk = new();

    /// <summary>
    /// Cluster-level pass over the entities minted in this chunk: each is compared as a whole (its first variant with the
    /// context pooled from all its rows in the chunk) with the entities the index finds, and folded into the best one at
    /// or above the upper threshold. A new variant's first row may share no co-applicant with its entity (PHILIPS
    /// GLOEILAMPENFABRIEKEN / KONINKLIJKE PHILIPS ELECTRONICS) while all its rows share many. Such a fold also needs the
    /// same legal form on both sides: sister companies share co-applicants too (DSM N.V. / DSM IP ASSETS B.V.), a renamed
    /// company keeps its form. Ids are handed out after this pass, so no redirect is needed.
    /// </summary>
    private void MergeChunkEntities(RunStatistics stats)
    {
        if (_contextFeatures.Length == 0 || _mintedInChunk.Count == 0) return;
        // Newest first, so a later entity joins an earlier one (as the row-by-row pass would link it), not the reverse.
        for (int k = _mintedInChunk.Count - 1; k >= 0; k--)
        {
            var id = _mintedInChunk[k];
            var entity = _state.Entities[id];
            if (entity.SurvivorId is not null || entity.Variants.Count == 0 || entity.ContextPool.Context.Count == 0) continue;
            var first = _state.Variants[entity.Variants[0]].Record;
            if (first.LegalForm.Length == 0) continue;
            var probe = new NameRecord(first.Kind, first.NameKey, first.CompactKey, first.AltKey, first.Country, first.LegalForm,
                first.FamilyName, first.GivenNames, first.RomanizedName, entity.ContextPool.Context, first.ElfCode);
            var best = MatchEntities(probe, _state.Terms(probe), stats)
                .Where(m => m.Allowed && m.EntityId != id && m.BestProbability >= _options.UpperThreshold
                            && !_state.CannotLinks.Contains(RegistryState.Pair(m.EntityId, id))
                            && _state.Entities[m.EntityId].Variants.Count > 0
                            && NamesSupportFold(first, _state.Entities[m.EntityId]))
                .MaxBy(m => m.BestProbability);
            if (best is null) continue;
            var target = _state.Survivor(best.EntityId);
            Fold(entity, target);
            _foldedInChunk[id] = (target, best.BestProbability, "cluster-level: " + best.BestScore.Explain());
        }
    }

    /// <summary>Entities of this chunk folded into another (by <see cref="MergeChunkEntities"/> or a row matching both), with the fold's score and explanation.</summary>
    private readonly Dictionary<string, (RegistryState.EntityState Target, double Score, string Explanation)> _foldedInChunk = new(StringComparer.Ordinal);

    /// <summary>Rewrites the chunk's results and write batch for the folded entities: they are never written or handed out.</summary>
    private void ApplyChunkFolds(List<ResolvedParty> results, RunStatistics stats)
    {
        var folded = _foldedInChunk;
        if (folded.Count == 0) return;
        string Final(string id) => folded.TryGetValue(id, out var f) ? _state.Survivor(f.Target.Id).Id : id;
        for (int i = 0; i < results.Count; i++)
        {
            var r = results[i];
            if (!folded.TryGetValue(r.GlobalId, out var f)) continue;
            var target = _state.Survivor(f.Target.Id);
            if (r.Resolution != ResolutionKind.Matched)
            {
                if (r.Resolution == ResolutionKind.New) stats.New--; else if (r.Resolution == ResolutionKind.Review) stats.Review--;
                stats.Matched++;
                r = r with { Resolution = ResolutionKind.Matched, MatchScore = Math.Round(f.Score, 4), Explanation = f.Explanation };
            }
            results[i] = r with { GlobalId = target.Id, CanonicalName = target.CanonicalName, EntityKind = target.Kind.ToText() };
        }
        // The write batch still holds the folded entities: they are never written, their variants go to the survivor.
        _batch.NewEntities.RemoveAll(e => folded.ContainsKey(e.Id));
        _batch.Events.RemoveAll(e => e.Type == RegistryEventType.Minted && folded.ContainsKey(e.EntityId));
        for (int i = 0; i < _batch.Events.Count; i++)
            if (folded.ContainsKey(_batch.Events[i].EntityId)) _batch.Events[i] = _batch.Events[i] with { EntityId = Final(_batch.Events[i].EntityId) };
        for (int i = 0; i < _batch.NewVariants.Count; i++)
            if (folded.ContainsKey(_batch.NewVariants[i].EntityId)) _batch.NewVariants[i] = _batch.NewVariants[i] with { EntityId = Final(_batch.NewVariants[i].EntityId) };
        for (int i = _batch.NewProposals.Count - 1; i >= 0; i--)
        {
            var p = _batch.NewProposals[i];
            if (!folded.ContainsKey(p.EntityA) && !folded.ContainsKey(p.EntityB)) continue;
            _state.ProposedPairs.Remove(RegistryState.Pair(p.EntityA, p.EntityB));
            var (a, b) = (Final(p.EntityA), Final(p.EntityB));
            if (a == b || !_state.ProposedPairs.Add(RegistryState.Pair(a, b))) { _batch.NewProposals.RemoveAt(i); stats.ProposalsCreated--; }
            else _batch.NewProposals[i] = p with { EntityA = a, EntityB = b };
        }
        stats.NewEntities -= folded.Count;
    }

    private readonly RareTokenOverlapFeature _tokenOverlap = new();

    /// <summary>Members of the target entity checked for a shared distinctive word before a cluster-level fold.</summary>
    private const int FoldMembersChecked = 64;

    /// <summary>
    /// Context alone never folds two clusters (a whole industry shares classes, inventors move, KONINKLIJKE PHILIPS /
    /// KONINKLIJKE DSM share a word): the names must overlap on rare words (weighted overlap level 1 or more with some
    /// member, e.g. PHILIPS GLOEILAMPENFABRIEKEN / PHILIPS ELECTRONICS), and both must carry the same legal form.
    /// </summary>
    private bool NamesSupportFold(NameRecord probe, RegistryState.EntityState target)
    {
        var canonical = _state.Variants[target.Variants[0]].Record;
        if (probe.Kind != canonical.Kind || probe.LegalForm.Length == 0 || canonical.LegalForm.Length == 0
            || !LegalFormFeature.SameForm(probe.LegalForm, canonical.LegalForm)) return false;
        foreach (var h in target.Variants.Take(FoldMembersChecked))
            if (_tokenOverlap.Compare(probe, _state.Variants[h].Record, _state.Tokens) >= 1) return true;
        return false;
    }

    private void Fold(RegistryState.EntityState entity, RegistryState.EntityState target)
    {
        foreach (var h in entity.Variants)
        {
            _state.Variants[h].EntityId = target.Id;
            target.Variants.Add(h);
        }
        target.ContextPool.AddContext(entity.ContextPool, RegistryState.MaxPooledContextItems);
        entity.Variants.Clear();
        entity.SurvivorId = target.Id;
    }

    /// <summary>
    /// A person row with context (date of birth, place ...) is its own variant and is always scored: the same name is
    /// another person as often as not, and the row's context is the evidence. Organisations and rows without context
    /// keep the known-variant shortcut.
    /// </summary>
    private bool ScoredPerRow(ResolveInput row, Party party)
    {
        if (party.Kind != EntityKind.Person || _contextFeatures.Length == 0 || row.Context is null) return false;
        foreach (var v in row.Context.Values)
            if (!string.IsNullOrWhiteSpace(v)) return true;
        return false;
    }

    private ResolvedParty Answer(ResolveInput row, Party party, RegistryState.EntityState entity, string resolution, double score, string explanation)
    {
        switch (resolution)
        {
            case ResolutionKind.Matched: Statistics.Matched++; break;
            case ResolutionKind.New: Statistics.New++; break;
            case ResolutionKind.Review: Statistics.Review++; break;
        }
        return new ResolvedParty(row, party, entity.Id, entity.Kind.ToText(), resolution, Math.Round(score, 4), entity.CanonicalName, party.NameKey, explanation);
    }

    private List<EntityMatch> MatchEntities(NameRecord record, CandidateTerms terms, RunStatistics stats)
    {
        var candidates = _state.Candidates(terms, _options.MaxCandidates);
        // Persons with context are compared member by member (see ScorePair), with their own limits.
        bool memberWise = record.Kind == EntityKind.Person && _contextFeatures.Length > 0 && record.Context.Count > 0;
        var scorer = _scorers.For(record.Kind);
        var contextFeatures = ReferenceEquals(scorer, _scorers.Model) ? _contextFeatures : [];
        var byEntity = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var handle in candidates)
        {
            var entity = _state.Survivor(_state.Variants[handle].EntityId);
            if (!LinkDecisionRule.KindsCompatible(record.Kind, entity.Kind)) continue; // never a person with a legal entity
            if (!byEntity.TryGetValue(entity.Id, out var list))
            {
                // A big cluster fills the ranked list with its members; cap per entity so other entities get a look.
                if (byEntity.Count >= (memberWise ? _options.PersonMaxEntities : _options.MaxEntities)) continue;
                byEntity[entity.Id] = list = new List<int>();
            }
            if (list.Count < (memberWise ? _options.PersonMembersPerEntity : _options.MaxMembersPerEntity)) list.Add(handle);
        }
        // Compare with the cluster, not one member: the canonical (first) variant always takes part.
        var groups = new List<(RegistryState.EntityState Entity, List<int> Members)>(byEntity.Count);
        foreach (var (entityId, members) in byEntity)
        {
            var entity = _state.Entities[entityId];
            if (entity.Variants.Count > 0 && !members.Contains(entity.Variants[0])) members.Add(entity.Variants[0]);
            groups.Add((entity, members));
        }
        var pairs = new List<(int Group, int Handle)>();
        for (int g = 0; g < groups.Count; g++)
            foreach (var h in groups[g].Members) pairs.Add((g, h));
        var levels = new int[pairs.Count][];
        var probabilities = new double[pairs.Count];
        void ScorePair(int i)
        {
            var (g, handle) = pairs[i];
            var l = scorer.Comparisons.Compare(record, _state.Variants[handle].Record, _state.Tokens);
            // Persons are compared member by member (each row's own date and place); pooling the dates of a cluster would
            // let any date match it. Organisations compare with the pooled context (co-applicants, classes).
            if (record.Kind != EntityKind.Person)
                foreach (var f in contextFeatures) l[f] = scorer.Comparisons.Features[f].Compare(record, groups[g].Entity.ContextPool, _state.Tokens);
            levels[i] = l;
            var member = _state.Variants[handle].Record;
            probabilities[i] = Vetoed(record, member) ? 0 : _nameConflicts.Apply(record, member, l, contextFeatures, _state.Tokens, scorer.Probability(l));
        }
        // Sequential on purpose: per name the work is too small for Parallel.For to pay off, and the other core is
        // busy normalising the next chunk and writing the previous batch.
        for (int i = 0; i < pairs.Count; i++) ScorePair(i);
        stats.PairsScored += pairs.Count;

        var matches = new List<EntityMatch>(groups.Count);
        var best = new int[groups.Count];
        var dissent = new int[groups.Count];
        Array.Fill(best, -1);
        for (int i = 0; i < pairs.Count; i++)
        {
            var g = pairs[i].Group;
            if (_decisions.ClearlyDiffers(probabilities[i])) dissent[g]++;
            if (best[g] < 0 || probabilities[i] > probabilities[best[g]]) best[g] = i;
        }
        for (int g = 0; g < groups.Count; g++)
        {
            var count = groups[g].Members.Count;
            bool allowed = _decisions.Agrees(dissent[g], count, memberWise);
            matches.Add(new EntityMatch(groups[g].Entity.Id, probabilities[best[g]], levels[best[g]], count, dissent[g], allowed, scorer));
        }
        return matches;
    }

    /// <summary>
    /// Read-only search ("who is this applicant?"): the best matching existing entities for a name, best first, without
    /// writing anything. Not safe to call while a <see cref="ResolveAsync"/> run is in progress on this engine.
    /// </summary>
    public IReadOnlyList<LookupCandidate> Lookup(string name, string? country = null, string? kind = null, int limit = 10)
    {
        var party = _normalizer.Normalize(new NameInput(name, country, kind)).FirstOrDefault();
        if (party is null || party.CompactKey.Length == 0) return [];
        var record = NameRecord.FromParty(party);
        var answers = new List<LookupCandidate>();
        if (_state.VariantByKey.TryGetValue(RegistryState.VariantKey(party.Kind, party.NameKey, party.Country), out var known))
        {
            var e = _state.Survivor(_state.Variants[known].EntityId);
            answers.Add(new LookupCandidate(e.Id, e.Kind.ToText(), e.CanonicalName, 1.0, "known variant"));
        }
        foreach (var m in MatchEntities(record, _state.Terms(record), new RunStatistics()).OrderByDescending(m => m.BestProbability))
        {
            if (answers.Any(a => a.GlobalId == m.EntityId)) continue;
            var e = _state.Entities[m.EntityId];
            answers.Add(new LookupCandidate(e.Id, e.Kind.ToText(), e.CanonicalName, Math.Round(m.BestProbability, 4), m.BestScore.Explain()));
        }
        return answers.Take(limit).ToList();
    }

    /// <summary>
    /// Reviewer accepts a proposal: the two entities are merged (the older id survives, see <see cref="SurvivorRule"/>,
    /// the other resolves to it) and the decision is recorded. Returns the survivor id.
    /// </summary>
    public async Task<string> AcceptProposalAsync(long proposalId, string actor, CancellationToken ct = default)
    {
        await FlushAsync(wait: true, ct);
        var proposal = await _store.GetProposalAsync(proposalId, ct) ?? throw new KeyNotFoundException($"no proposal {proposalId}");
        var a = _state.Survivor(proposal.EntityA);
        var b = _state.Survivor(proposal.EntityB);
        if (a.Id == b.Id)
        {
            await _store.RecordDecisionAsync(new ReviewDecisionRequest(proposalId, ReviewDecisionStatus.Accepted, actor, null), ct);
            return a.Id;
        }
        var facts = (await _store.GetEntityFactsAsync([a.Id, b.Id], ct)).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var (survivorId, _) = SurvivorRule.Choose(facts[a.Id], facts[b.Id]);
        var (survivor, absorbed) = survivorId == a.Id ? (a, b) : (b, a);
        await _store.RecordDecisionAsync(new ReviewDecisionRequest(proposalId, ReviewDecisionStatus.Accepted, actor, null, survivor.Id, absorbed.Id), ct);
        absorbed.SurvivorId = survivor.Id;
        survivor.Variants.AddRange(absorbed.Variants);
        foreach (var h in absorbed.Variants) _state.Variants[h].EntityId = survivor.Id;
        survivor.ContextPool.AddContext(absorbed.ContextPool, RegistryState.MaxPooledContextItems);
        absorbed.Variants.Clear();
        return survivor.Id;
    }

    /// <summary>Reviewer rejects a proposal: recorded, and the two entities get a cannot-link so they are not proposed again.</summary>
    public async Task RejectProposalAsync(long proposalId, string actor, CancellationToken ct = default)
    {
        await FlushAsync(wait: true, ct);
        var proposal = await _store.GetProposalAsync(proposalId, ct) ?? throw new KeyNotFoundException($"no proposal {proposalId}");
        var (a, b) = (_state.Survivor(proposal.EntityA).Id, _state.Survivor(proposal.EntityB).Id);
        await _store.RecordDecisionAsync(new ReviewDecisionRequest(proposalId, ReviewDecisionStatus.Rejected, actor, null, LinkA: a, LinkB: b), ct);
        _state.CannotLinks.Add(RegistryState.Pair(a, b));
    }

    /// <summary>Splits the given variants (by name key) off an entity into a newly minted one; returns the new id.</summary>
    public async Task<string> SplitAsync(string entityId, IReadOnlyCollection<string> nameKeys, string actor, string reason, CancellationToken ct = default)
    {
        await FlushAsync(wait: true, ct);
        var entity = _state.Survivor(entityId);
        var leaving = entity.Variants.Where(h => nameKeys.Contains(_state.Variants[h].Record.NameKey)).ToList();
        if (leaving.Count == 0 || leaving.Count == entity.Variants.Count) throw new ArgumentException("a split must move some but not all variants");
        var first = _state.Variants[leaving[0]];
        string id;
        do id = _minter.Mint(first.Record.Kind == EntityKind.Person ? GlobalId.PersonPrefix : GlobalId.LegalEntityPrefix);
        while (_state.Entities.ContainsKey(id) || await _store.IdExistsAsync(id, ct));
        await _store.SplitAsync(entity.Id, leaving.Select(h => _state.Variants[h].Id).ToList(), new EntityRecord(id, first.Record.Kind.ToText(), first.DisplayName), actor, reason, ct);
        var batch = new RegistryBatch();
        batch.Meta[SequenceMetaKey] = _minter.NextSequence.ToString(CultureInfo.InvariantCulture);
        await _store.ApplyAsync(batch, ct);
        var created = new RegistryState.EntityState(id, first.Record.Kind, first.DisplayName, preExisting: true);
        _state.Entities[id] = created;
        foreach (var h in leaving)
        {
            entity.Variants.Remove(h);
            _state.Variants[h].EntityId = id;
            created.Variants.Add(h);
            if (_state.Variants[h].Record.Context.Count > 0) created.ContextPool.AddContext(_state.Variants[h].Record, RegistryState.MaxPooledContextItems);
        }
        // The part that left must not be pulled back automatically.
        await _store.AddCannotLinkAsync(entity.Id, id, actor, "split: " + reason, ct);
        _state.CannotLinks.Add(RegistryState.Pair(entity.Id, id));
        return id;
    }

    private RegistryState.EntityState Mint(Party party)
    {
        string id;
        do id = _minter.Mint(party.Kind == EntityKind.Person ? GlobalId.PersonPrefix : GlobalId.LegalEntityPrefix);
        while (_state.Entities.ContainsKey(id)); // never re-issue, even on a 65-bit collision
        var entity = new RegistryState.EntityState(id, party.Kind, party.DisplayName, preExisting: false);
        _state.Entities[id] = entity;
        _mintedInChunk.Add(id);
        _batch.NewEntities.Add(new EntityRecord(id, party.Kind.ToText(), party.DisplayName));
        _batch.Events.Add(new RegistryEvent(RegistryEventType.Minted, id, null, _options.Actor, party.NameKey, DateTimeOffset.UtcNow));
        _batch.Meta[SequenceMetaKey] = _minter.NextSequence.ToString(CultureInfo.InvariantCulture);
        Statistics.NewEntities++;
        return entity;
    }

    private void Propose(string a, string b, double score, string explanation, IReadOnlyList<FeatureContribution> contributions, RunStatistics stats)
    {
        var pair = RegistryState.Pair(a, b);
        if (a == b || _state.CannotLinks.Contains(pair) || !_state.ProposedPairs.Add(pair)) return;
        _batch.NewProposals.Add(new ReviewProposal(0, a, b, Math.Round(score, 4), explanation, ProposalStatus.Pending, DateTimeOffset.UtcNow, Contributions: contributions));
        stats.ProposalsCreated++;
    }

    private Task _flushing = Task.CompletedTask;

    /// <summary>
    /// Commits the pending batch; batches are written one at a time, in order, off the resolving thread. A non-empty batch
    /// carries <paramref name="checkpoint"/> in the same transaction.
    /// </summary>
    private async Task FlushAsync(bool wait, CancellationToken ct, RunCheckpoint? checkpoint = null, bool evenIfEmpty = false)
    {
        await _flushing;
        if (!_batch.IsEmpty || (evenIfEmpty && checkpoint is not null))
        {
            var batch = _batch;
            _batch = new RegistryBatch();
            if (checkpoint is not null)
            {
                _run = checkpoint with { Batches = checkpoint.Batches + 1, Events = checkpoint.Events + batch.Events.Count };
                batch.Meta[RunCheckpoint.MetaKey] = _run.Serialize();
                _checkpointStored = true;
                Statistics.BatchesCommitted++;
            }
            var committed = batch.NewVariants.Count > 0 ? batch.NewVariants[^1].Id : 0;
            _flushing = Task.Run(async () =>
            {
                await _store.ApplyAsync(batch, ct);
                if (committed > 0) _state.Index.Commit(committed); // after the registry: the index never holds what it lacks
            }, ct);
        }
        if (wait) await _flushing;
    }

    private async Task<List<ResolveInput>> ReadChunkAsync(IAsyncEnumerator<ResolveInput> input)
    {
        var chunk = new List<ResolveInput>(_options.ChunkSize);
        while (chunk.Count < _options.ChunkSize && await input.MoveNextAsync()) chunk.Add(input.Current);
        return chunk;
    }

    private Task<IReadOnlyList<Party>[]> NormalizeAsync(List<ResolveInput> chunk, CancellationToken ct) => Task.Run(() =>
    {
        var result = new IReadOnlyList<Party>[chunk.Count];
        Parallel.For(0, chunk.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var row = chunk[i];
            result[i] = _normalizer.Normalize(new NameInput(row.Name, row.Country, row.Kind, row.FamilyName, row.GivenNames));
        });
        return result;
    }, ct);
}
