namespace Names.Resolver.Evaluation;

/// <summary>Pair decisions at one threshold: overall and per schema (Person, Company, Organization ...).</summary>
public sealed record PairBenchmarkResult(double Threshold, PairCounts Overall, IReadOnlyDictionary<string, PairCounts> BySchema);
