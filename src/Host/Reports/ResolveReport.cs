namespace Names.Host.Reports;

/// <summary>What `names resolve --report` shows: the figures of one run, independent of how they were computed.</summary>
public sealed record ResolveReport
{
    public required string Title { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public required string Input { get; init; }
    public required string Registry { get; init; }
    public long Rows { get; init; }
    public long Parties { get; init; }
    public long Rejected { get; init; }
    public long Matched { get; init; }
    public long New { get; init; }
    public long Review { get; init; }
    public long PendingReviewTotal { get; init; }
    public double Seconds { get; init; }
    public double LowerThreshold { get; init; }
    public double UpperThreshold { get; init; }
    public string ModelVersion { get; init; } = "";
    /// <summary>Counts of best-candidate match scores in equal-width bins over [0, 1].</summary>
    public IReadOnlyList<long> ScoreHistogram { get; init; } = Array.Empty<long>();
    /// <summary>Cluster size -> number of entities of that size.</summary>
    public IReadOnlyDictionary<int, long> ClusterSizes { get; init; } = new Dictionary<int, long>();
    public IReadOnlyList<ReportCluster> LargestClusters { get; init; } = Array.Empty<ReportCluster>();
    /// <summary>The run's estimate of its own accuracy, without labels; null when it has none.</summary>
    public Names.Resolver.Evaluation.AccuracyEstimate? Accuracy { get; init; }
}

public sealed record ReportCluster(string GlobalId, string CanonicalName, string Kind, int Records, int Variants, IReadOnlyList<string> ExampleVariants);
