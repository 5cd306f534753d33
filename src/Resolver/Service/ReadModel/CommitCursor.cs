namespace Names.Resolver.Service.ReadModel;

/// <summary>
/// Position of the read model in an id-ordered change feed (variant ids, event seqs). On PostgreSQL ids come from
/// sequences and transactions commit in any order, so an id below the position may still appear: the ids skipped
/// over are kept as gaps and asked for again until they show up or <see cref="GapTimeout"/> passes (a rolled-back
/// transaction leaves a gap for good). A jump of more than <see cref="MaxGapRun"/> ids (a bulk run moving the
/// sequence) is not tracked. On SQLite writers are serialised and ids committed in order, so gaps never fill.
/// </summary>
internal sealed class CommitCursor(long position, TimeSpan gapTimeout, int maxGapRun = 10_000)
{
    private readonly Dictionary<long, long> _gapSince = new();

    public long Position { get; private set; } = position;
    public TimeSpan GapTimeout { get; } = gapTimeout;
    public int MaxGapRun { get; } = maxGapRun;
    public IReadOnlyCollection<long> Gaps => _gapSince.Keys;

    /// <summary>Takes the ids read after <see cref="Position"/> (ascending) and the gap ids that showed up.</summary>
    public void Advance(IEnumerable<long> ids, long nowTicks)
    {
        foreach (var id in ids)
        {
            if (_gapSince.Remove(id) || id <= Position) continue;
            if (id - Position - 1 <= MaxGapRun)
                for (var missing = Position + 1; missing < id; missing++) _gapSince[missing] = nowTicks;
            Position = id;
        }
    }

    /// <summary>Asks for <paramref name="id"/> (below the position) again until it shows up or times out.</summary>
    public void Watch(long id, long nowTicks)
    {
        if (id <= Position) _gapSince.TryAdd(id, nowTicks);
    }

    /// <summary>Forgets gaps older than the timeout.</summary>
    public void Expire(long nowTicks, long ticksPerSecond)
    {
        if (_gapSince.Count == 0) return;
        var limit = (long)(GapTimeout.TotalSeconds * ticksPerSecond);
        foreach (var (id, since) in _gapSince.ToList())
            if (nowTicks - since > limit) _gapSince.Remove(id);
    }
}
