namespace Names.Resolver.Resolution;

/// <summary>Figures of one run, for the summary line and the HTML report.</summary>
public sealed class RunStatistics
{
    public long Rows { get; internal set; }
    public long Parties { get; internal set; }
    public long Rejected { get; internal set; }
    public long Matched { get; internal set; }
    public long New { get; internal set; }
    public long Review { get; internal set; }
    /// <summary>Parties whose exact variant was already known (attached without scoring).</summary>
    public long KnownVariants { get; internal set; }
    public long NewVariants { get; internal set; }
    public long NewEntities { get; internal set; }
    public long ProposalsCreated { get; internal set; }
    public long PairsScored { get; internal set; }
    /// <summary>Best match score of every new variant that had candidates, in 20 bins of 0.05.</summary>
    public long[] ScoreHistogram { get; } = new long[20];
    /// <summary>Rows per entity in this run: size -> number of entities.</summary>
    public SortedDictionary<int, int> ClusterSizes { get; } = new();
    /// <summary>The largest entities of this run by rows: id, canonical name, rows.</summary>
    public List<(string Id, string CanonicalName, int Rows)> LargestClusters { get; } = new();
    public double UpperThreshold { get; internal set; }
    public double LowerThreshold { get; internal set; }
    public long PendingReviews { get; internal set; }
    public TimeSpan Elapsed { get; internal set; }
    /// <summary>Rows an interrupted run had committed and this run replayed (0 when not resumed), their last input line and batches.</summary>
    public long ResumedRows { get; internal set; }
    public long ResumedLastLine { get; internal set; }
    public int ResumedBatches { get; internal set; }
    /// <summary>Why an unfinished run found in the registry was not resumed; null when there was none.</summary>
    public string? NotResumed { get; internal set; }
    /// <summary>Batches this run committed with a checkpoint.</summary>
    public int BatchesCommitted { get; internal set; }
    /// <summary>What the run expects of its own accuracy (<see cref="Evaluation.AccuracyEstimator"/>); null until the run ends.</summary>
    public Evaluation.AccuracyEstimate? Accuracy { get; internal set; }
    /// <summary>The run was asked to stop and ended after a chunk: the rows after it are not resolved yet.</summary>
    public bool Stopped { get; internal set; }

    internal void AddScore(double p) => ScoreHistogram[Math.Clamp((int)(p * 20), 0, 19)]++;
}
