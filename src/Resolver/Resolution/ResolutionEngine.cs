using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Names.Normalization;
using Names.Resolver.Candidates;
using Names.Resolver.Comparison;
using Names.Resolver.Evaluation;
using Names.Resolver.ExternalIds;
using Names.Resolver.Identifiers;
using Names.Resolver.Scoring;
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
    private readonly RunRegistry _registry;
    private readonly EntityMatcher _matcher;
    private readonly RegistryWriter _writer;
    private readonly ChunkFolding _folding;
    private readonly RunProgress _progress;
    private readonly RunExternalIds _externalIds;
    /// <summary>The minter sequence stored in the registry (or in the batch being written).</summary>
    private long _storedSequence;
    private AccuracyEstimator _accuracy = new();
    /// <summary>The variant of each party resolved in the chunk, in result order (-1: rejected).</summary>
    private readonly List<long> _chunkVariants = new();

    private ResolutionEngine(IRegistryStore store, IPairScorer scorer, NameNormalizer normalizer, ResolutionOptions options, RegistryState state,
        IdMinter minter, RunProgress progress)
    {
        _store = store;
        _normalizer = normalizer;
        _options = options;
        _state = state;
        _progress = progress;
        _storedSequence = minter.NextSequence;
        _registry = new RunRegistry(state, minter, options);
        _matcher = new EntityMatcher(scorer, options);
        _writer = new RegistryWriter(_registry, options.Actor);
        _folding = new ChunkFolding(_registry, _matcher, options);
        _externalIds = new RunExternalIds(state, _writer, options);
    }

    public const string SeedMetaKey = "minter.seed";
    public const string SequenceMetaKey = "minter.sequence";

    public IPairScorer Scorer => _matcher.Model;
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
        scorer ??= await RegistryModel.LoadAsync(store, ct);
        var storedSeed = await store.GetMetaAsync(SeedMetaKey, ct);
        var seed = storedSeed is null ? options.Seed : ulong.Parse(storedSeed, CultureInfo.InvariantCulture);
        var sequence = long.Parse(await store.GetMetaAsync(SequenceMetaKey, ct) ?? "0", CultureInfo.InvariantCulture);
        var (resume, notResumed, counters) = await RunProgress.FindAsync(store, options.RunFingerprint, ct);
        // A resumed run reads the registry as it was before the interrupted run, then replays the committed rows.
        var without = resume is null ? null : new RegistryState.RunAdditions(resume.BaseVariantId, resume.BaseProposalId, resume.MintedIds(seed));
        var state = await RegistryState.LoadAsync(store, index ?? LuceneCandidateIndex.InMemory(), options.DecodedRecords, ct, without);
        var progress = RunProgress.Start(options, state, sequence, resume, notResumed, counters);
        var engine = new ResolutionEngine(store, scorer, normalizer ?? NameNormalizer.CreateDefault(), options, state,
            new IdMinter(seed, resume?.BaseSequence ?? sequence), progress);
        if (storedSeed is null) engine._writer.Batch.Meta[SeedMetaKey] = seed.ToString(CultureInfo.InvariantCulture);
        return engine;
    }

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
        _accuracy = new AccuracyEstimator();
        var resume = _progress.Resume;
        if (resume is not null)
        {
            stats.ResumedRows = resume.RowsCommitted;
            stats.ResumedLastLine = resume.LastLine;
            stats.ResumedBatches = resume.Batches;
        }
        stats.NotResumed = _progress.NotResumed;
        var clock = Stopwatch.StartNew();
        var rowsPerEntity = new Dictionary<string, int>(StringComparer.Ordinal);
        // Pipeline: while chunk k is resolved (sequentially, decisions depend on earlier rows), chunk k+1 is normalised
        // on the other cores and the previous write batch is committed in the background.
        await using var input = rows.GetAsyncEnumerator(ct);
        var chunk = await ReadChunkAsync(input);
        var normalizing = NormalizeAsync(chunk, ct);
        var chunks = 0;
        long lastLine = resume?.LastLine ?? 0;
        while (chunk.Count > 0)
        {
            var next = await ReadChunkAsync(input);
            var normalized = await normalizing;
            normalizing = NormalizeAsync(next, ct);
            var results = new List<ResolvedParty>(chunk.Count);
            _chunkVariants.Clear();
            _folding.StartChunk();
            for (int i = 0; i < chunk.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                stats.Rows++;
                // A row's identifiers name its one party; a row split into several parties links none of them.
                var ids = normalized[i].Count == 1 && chunk[i].ExternalIds is { Count: > 0 } carried ? carried : null;
                foreach (var party in normalized[i])
                {
                    stats.Parties++;
                    results.Add(await ResolvePartyAsync(chunk[i], party, ids, stats, ct));
                }
            }
            // Ids minted in this chunk are not handed out yet: a cluster-level comparison may still fold them into another entity.
            _folding.MergeChunkEntities(stats);
            _folding.Apply(results, _writer.Batch, stats);
            foreach (var (absorbed, target, score) in _folding.Folded) _accuracy.Folded(absorbed, target, score);
            for (int i = 0; i < results.Count; i++)
            {
                var result = results[i];
                if (result.GlobalId.Length > 0)
                {
                    rowsPerEntity[result.GlobalId] = rowsPerEntity.GetValueOrDefault(result.GlobalId) + 1;
                    _accuracy.AddRow(_chunkVariants[i], result.GlobalId, result.Party);
                }
                yield return result;
            }
            chunks++;
            lastLine = chunk[^1].Row;
            if (_progress.Replays(chunks))
            {
                // Replayed: the interrupted run committed exactly this.
                _progress.CheckReplay(chunks, _state.MaxVariantId, _registry.Minter.NextSequence, stats.Rows);
                _writer.TakeBatch();
                _storedSequence = _registry.Minter.NextSequence;
            }
            else if (stop.IsCancellationRequested && next.Count > 0)
                await FlushAsync(wait: false, ct, Checkpoint(chunks, stats, lastLine), evenIfEmpty: true); // the stop point, for the resume
            else if (_writer.Batch.NewVariants.Count >= _options.BatchSize)
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
        _progress.EndReplay();
        foreach (var size in rowsPerEntity.Values) stats.ClusterSizes[size] = stats.ClusterSizes.GetValueOrDefault(size) + 1;
        foreach (var (id, count) in rowsPerEntity.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(20))
            stats.LargestClusters.Add((id, _state.Entities[id].CanonicalName, count));
        // Counted by the store (the review queue holds one row per pending proposal): the proposals themselves are not read.
        stats.PendingReviews = await _store.CountPendingProposalsAsync(new PendingProposalQuery(Boundary: 0.5), ct);
        stats.Accuracy = _accuracy.Estimate();
        stats.Elapsed = clock.Elapsed;
    }

    private RunCheckpoint? Checkpoint(int chunks, RunStatistics stats, long lastLine) =>
        _progress.Checkpoint(chunks, stats.Rows, lastLine, _state.MaxVariantId, _registry.Minter.NextSequence);

    /// <summary>
    /// Records that the run finished and its outputs are written: the next run with the same input is a plain re-run, not a
    /// resume. Call after the output file is in place; a kill before this call makes the next run replay and rewrite it.
    /// </summary>
    public async Task CompleteRunAsync(CancellationToken ct = default)
    {
        await FlushAsync(wait: true, ct);
        if (_progress.Completion() is { } batch) await _store.ApplyAsync(batch, ct);
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

    private async ValueTask<ResolvedParty> ResolvePartyAsync(ResolveInput row, Party party, IReadOnlyList<ExternalId>? ids, RunStatistics stats,
        CancellationToken ct)
    {
        if (party.Problem.Length > 0 || party.CompactKey.Length == 0)
        {
            stats.Rejected++;
            _chunkVariants.Add(-1);
            return new ResolvedParty(row, party, "", party.Kind.ToText(), ResolutionKind.Rejected, 0, "", party.NameKey, "", party.Problem.Length > 0 ? party.Problem : "empty name");
        }

        var holding = ids is null ? null : _externalIds.HolderOf(ids);
        if (!ScoredPerRow(row, party) && _state.TryFindVariant(party.Kind, party.NameKey, party.Country, out var known))
        {
            var entity = _state.EntityOf(known)!;
            // A known name whose identifiers another entity holds, or that its entity may not hold (a name has one variant).
            if (ids is not null && (holding is { } h ? h.Holder != entity : !ExternalIdRule.MayHold(entity.PartyIds, ids)))
                return await ResolveKnownNameElsewhereAsync(row, party, known, holding, ids, ct);
            stats.KnownVariants++;
            _chunkVariants.Add(_state.VariantId(known));
            if (ids is not null) _externalIds.Link(entity, ids);
            if (row.Context is { Count: > 0 }) _state.AddContext(known, entity, row.Context);
            return holding is { } held
                ? Answer(row, party, entity, ResolutionKind.Matched, 1, ExternalIdRule.Same(held.Id))
                : Answer(row, party, entity, ResolutionKind.Matched, _state.LinkScoreOf(known), "known variant");
        }

        stats.NewVariants++;
        var record = NameRecord.FromParty(party, row.Context);
        var terms = _state.Terms(record);
        if (holding is { } holder) return await ResolveHeldAsync(row, party, record, terms, holder.Holder, holder.Id, ids!, stats, ct);
        var matches = _registry.Match(_matcher, record, terms, ids);
        stats.PairsScored += matches.Sum(m => m.Compared);
        if (matches.Count > 0) stats.AddScore(matches.Max(m => m.Probability));
        var decision = _matcher.Decide(matches);
        if (decision.Resolution == ResolutionKind.Matched)
        {
            var target = _state.Entities[decision.Target!.EntityId];
            if (target.Kind == EntityKind.Unknown && party.Kind != EntityKind.Unknown) target.Kind = party.Kind;
            if (decision.AlsoMatching.Count > 0)
                decision = decision with { AlsoMatching = decision.AlsoMatching.Where(other => !_folding.TryJoin(record, target, other)).ToList() };
        }
        var (entitiesBefore, proposalsBefore) = (_writer.Batch.NewEntities.Count, _writer.Batch.NewProposals.Count);
        var written = await _writer.WriteAsync(party, record, decision, new VariantOrigin(_options.SourceFile, row.Row, row.SourceRecordId, row.Name ?? ""), ct);
        stats.NewEntities += _writer.Batch.NewEntities.Count - entitiesBefore;
        stats.ProposalsCreated += _writer.Batch.NewProposals.Count - proposalsBefore;
        var score = decision.Score;
        _chunkVariants.Add(written.Variant.Id);
        _accuracy.Decided(written.Variant.Id, written.EntityId, decision.Resolution == ResolutionKind.Matched ? score : 1,
            matches);
        _state.AddVariant(written.Variant, record, decision.Resolution == ResolutionKind.Matched ? score : 1.0, terms, keep: true);
        if (ids is not null) _externalIds.Link(_state.Survivor(written.EntityId), ids);
        return Answer(row, party, _state.Entities[written.EntityId], decision.Resolution, score, written.Explanation);
    }

    /// <summary>
    /// A new name carrying an identifier an entity holds: linked to that entity with score 1 ("same LEI") when its names
    /// reach the lower threshold against the holder's names; else the identifier contradicts the name evidence, and the
    /// name becomes a new entity proposed for review with the holder, never a silent link.
    /// </summary>
    private async ValueTask<ResolvedParty> ResolveHeldAsync(ResolveInput row, Party party, NameRecord record, CandidateTerms terms,
        RegistryState.EntityState holder, ExternalId held, IReadOnlyList<ExternalId> ids, RunStatistics stats, CancellationToken ct)
    {
        var evidence = _registry.MatchWith(_matcher, record, holder);
        bool agrees = !ExternalIdRule.Contradicts(evidence?.BestScore, _options);
        string entityId = holder.Id, resolution = ResolutionKind.Matched, explanation = ExternalIdRule.Same(held);
        if (!agrees)
        {
            entityId = await _writer.MintAsync(party, ct);
            stats.NewEntities++;
            resolution = ResolutionKind.Review;
            explanation = ExternalIdRule.Contradiction(held, holder.Id, evidence!.BestScore);
            if (await _writer.ProposeAsync(holder.Id, entityId, evidence.BestScore, explanation, ct)) stats.ProposalsCreated++;
        }
        double score = agrees ? 1 : evidence!.Probability;
        var variant = await _writer.LinkAsync(entityId, party, record, resolution, score, new VariantOrigin(_options.SourceFile, row.Row, row.SourceRecordId, row.Name ?? ""), ct);
        _chunkVariants.Add(variant.Id);
        _state.AddVariant(variant, record, score, terms, keep: true);
        if (agrees) _externalIds.Link(_state.Survivor(entityId), ids);
        return Answer(row, party, _state.Survivor(entityId), resolution, score, explanation);
    }

    /// <summary>
    /// A known name carrying identifiers its entity cannot take. Held by another entity: that holder answers ("same LEI")
    /// unless its names contradict the name (then the name's entity is proposed with it). Held by nobody while the name's
    /// entity holds another of the scheme: a new entity holds the identifier, proposed with the name's entity.
    /// </summary>
    private async ValueTask<ResolvedParty> ResolveKnownNameElsewhereAsync(ResolveInput row, Party party, int known,
        (RegistryState.EntityState Holder, ExternalId Id)? holding, IReadOnlyList<ExternalId> ids, CancellationToken ct)
    {
        _chunkVariants.Add(_state.VariantId(known));
        var entity = _state.EntityOf(known)!;
        var knownRecord = _state.RecordOf(known);
        if (holding is { } h)
        {
            var evidence = _registry.MatchWith(_matcher, knownRecord, h.Holder);
            if (!ExternalIdRule.Contradicts(evidence?.BestScore, _options)) return Answer(row, party, h.Holder, ResolutionKind.Matched, 1, ExternalIdRule.Same(h.Id));
            var contradiction = ExternalIdRule.Contradiction(h.Id, h.Holder.Id, evidence!.BestScore);
            if (await _writer.ProposeAsync(entity.Id, h.Holder.Id, evidence.BestScore, contradiction, ct)) Statistics.ProposalsCreated++;
            return Answer(row, party, entity, ResolutionKind.Review, evidence.Probability, contradiction);
        }
        var (minted, explanation) = (_state.Entities[await _writer.MintAsync(party, ct)], ExternalIdRule.HeldElsewhere(entity.Id, ids));
        Statistics.NewEntities++;
        _externalIds.Link(minted, ids);
        if (await _writer.ProposeAsync(entity.Id, minted.Id, _matcher.ScorePair(knownRecord, knownRecord, _state.Tokens), explanation, ct)) Statistics.ProposalsCreated++;
        return Answer(row, party, minted, ResolutionKind.Review, 1, explanation);
    }

    /// <summary>
    /// A person row with context (date of birth, place ...) is its own variant and is always scored: the same name is
    /// another person as often as not, and the row's context is the evidence. Organisations and rows without context
    /// keep the known-variant shortcut.
    /// </summary>
    private bool ScoredPerRow(ResolveInput row, Party party)
    {
        if (party.Kind != EntityKind.Person || !_matcher.WeighsContext || row.Context is null) return false;
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
        return new ResolvedParty(row, party, entity.Id, entity.Kind.ToText(), resolution, Math.Round(score, 4), entity.CanonicalName, party.NameKey, explanation,
            ExternalIds: RunExternalIds.Column(entity));
    }

    private Task _flushing = Task.CompletedTask;

    /// <summary>
    /// Commits the pending batch; batches are written one at a time, in order, off the resolving thread. A non-empty batch
    /// carries <paramref name="checkpoint"/> in the same transaction.
    /// </summary>
    private async Task FlushAsync(bool wait, CancellationToken ct, RunCheckpoint? checkpoint = null, bool evenIfEmpty = false)
    {
        await _flushing;
        var sequence = _registry.Minter.NextSequence;
        if (sequence != _storedSequence)
        {
            _writer.Batch.Meta[SequenceMetaKey] = sequence.ToString(CultureInfo.InvariantCulture);
            _storedSequence = sequence;
        }
        if (!_writer.Batch.IsEmpty || (evenIfEmpty && checkpoint is not null))
        {
            var batch = _writer.TakeBatch();
            if (checkpoint is not null)
            {
                _progress.Stamp(batch, checkpoint);
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
            result[i] = _normalizer.Normalize(new NameInput(row.Name, row.Country, row.Kind, row.FamilyName, row.GivenNames) { KeepUnits = _options.KeepUnits });
        });
        return result;
    }, ct);
}
