using Names.Resolver.Storage;

namespace Names.Resolver.Resolution;

/// <summary>
/// The resume side of a bulk run (<see cref="RunCheckpoint"/>): finds the interrupted run to resume when the engine opens,
/// says which chunks are replayed without writing, checks that the replay reproduced what was committed, and stamps each
/// committed batch with the checkpoint describing the registry after it.
/// </summary>
internal sealed class RunProgress
{
    /// <summary>Checkpoint of the run in progress (null when the run is not resumable: no fingerprint).</summary>
    private RunCheckpoint? _run;
    /// <summary>A checkpoint of this run reached the registry, so its completion must be recorded too.</summary>
    private bool _stored;

    private RunProgress(RunCheckpoint? run, RunCheckpoint? resume, string? notResumed)
    {
        _run = run;
        Resume = resume;
        NotResumed = notResumed;
        _stored = resume is not null;
    }

    /// <summary>The interrupted run being resumed: its chunks are replayed without writing (null once replayed).</summary>
    public RunCheckpoint? Resume { get; private set; }
    /// <summary>Why an unfinished run left in the registry is not resumed (null when there is none, or it is resumed).</summary>
    public string? NotResumed { get; }

    /// <summary>The interrupted run to resume for <paramref name="fingerprint"/> (null: not resumable), and what the registry would read without it.</summary>
    public static async Task<(RunCheckpoint? Resume, string? NotResumed, RunCheckpoint.RegistryCounters? Counters)> FindAsync(IRegistryStore store,
        string? fingerprint, CancellationToken ct)
    {
        if (fingerprint is null) return (null, null, null);
        var counters = await RunCheckpoint.CountAsync(store, ct);
        var (resume, notResumed) = await RunCheckpoint.FindAsync(store, fingerprint, counters, ct);
        return (resume, notResumed, counters);
    }

    /// <summary>Progress of a run over <paramref name="state"/>: the resumed checkpoint, or a new one when the run has a fingerprint.</summary>
    public static RunProgress Start(ResolutionOptions options, RegistryState state, long sequence, RunCheckpoint? resume, string? notResumed,
        RunCheckpoint.RegistryCounters? counters)
    {
        var run = resume ?? (counters is null ? null : new RunCheckpoint
        {
            Fingerprint = options.RunFingerprint!, Input = options.SourceFile,
            BaseVariantId = state.MaxVariantId, BaseProposalId = state.MaxProposalId, BaseSequence = sequence,
            MaxVariantId = state.MaxVariantId, Sequence = sequence, Events = counters.Events, ModelVersion = counters.ModelVersion,
        });
        return new RunProgress(run, resume, notResumed);
    }

    /// <summary>Whether chunk number <paramref name="chunks"/> (1-based) was committed by the interrupted run: replayed, not written.</summary>
    public bool Replays(int chunks) => Resume is not null && chunks <= Resume.Chunks;

    /// <summary>At the last replayed chunk: counters that differ mean the replay decided otherwise, and nothing may be written.</summary>
    public void CheckReplay(int chunks, long maxVariantId, long sequence, long rows)
    {
        if (Resume is null || chunks != Resume.Chunks) return;
        if (maxVariantId != Resume.MaxVariantId || sequence != Resume.Sequence || rows != Resume.RowsCommitted)
            throw new InvalidOperationException($"resuming the interrupted run of {Resume.Input}: the replay of its {rows:N0} committed rows did not " +
                                                "reproduce what it committed; the registry is unchanged, resolve into a fresh registry");
    }

    /// <summary>Replayed once: a further run on this engine writes everything it resolves.</summary>
    public void EndReplay() => Resume = null;

    /// <summary>The checkpoint describing the registry once the pending batch is committed (null without a fingerprint).</summary>
    public RunCheckpoint? Checkpoint(int chunks, long rows, long lastLine, long maxVariantId, long sequence) => _run is null ? null : _run with
    {
        RowsCommitted = rows, LastLine = lastLine, Chunks = chunks, MaxVariantId = maxVariantId, Sequence = sequence,
    };

    /// <summary>Stamps <paramref name="batch"/> with <paramref name="checkpoint"/> (one more batch, its events counted).</summary>
    public void Stamp(RegistryBatch batch, RunCheckpoint checkpoint)
    {
        _run = checkpoint with { Batches = checkpoint.Batches + 1, Events = checkpoint.Events + batch.Events.Count };
        batch.Meta[RunCheckpoint.MetaKey] = _run.Serialize();
        _stored = true;
    }

    /// <summary>The batch recording that the run completed; null when no checkpoint of it was stored.</summary>
    public RegistryBatch? Completion()
    {
        if (_run is null || !_stored) return null;
        var batch = new RegistryBatch();
        batch.Meta[RunCheckpoint.MetaKey] = (_run with { Complete = true }).Serialize();
        return batch;
    }
}
