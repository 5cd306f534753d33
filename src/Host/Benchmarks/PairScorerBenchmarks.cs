using BenchmarkDotNet.Attributes;
using Names.Host.Synthesis;
using Names.Resolver.Comparison;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;

namespace Names.Host.Benchmarks;

/// <summary>
/// Cost of scoring one candidate pair (run with `names bench micro`): the boosted-tree model trained on generated names
/// (labels = the generator's entity ids) against the built-in Fellegi-Sunter model, on the pairs' levels alone and with
/// the comparison that produces them (each model compares its own features).
/// </summary>
[MemoryDiagnoser]
public class PairScorerBenchmarks
{
    private const int Pairs = 1_000;
    private IPairScorer _unsupervised = null!;
    private BoostedTreeModel _trees = null!;
    private LabelledCandidates _candidates = null!;
    private (int A, int B)[] _pairs = null!;
    private int[][] _treeLevels = null!;
    private int[][] _unsupervisedLevels = null!;

    [GlobalSetup]
    public void Setup()
    {
        var generator = new SyntheticNameGenerator(SynthesisData.LoadEmbedded(), 42, 2_000);
        var rows = generator.Generate(6_000).Where(r => !r.EntityId.Contains(';')).Select(r => (new ResolveInput(r.Name, r.Country, r.Kind), r.EntityId)).ToList();
        var trainer = new ModelTrainer();
        _candidates = trainer.LabelledCandidatePairs(rows);
        _unsupervised = DefaultModel.Load();
        _trees = trainer.Train(_candidates, _candidates.Pairs, _unsupervised);
        _pairs = _candidates.Pairs.Take(Pairs).Select(p => (p.A, p.B)).ToArray();
        _treeLevels = _pairs.Select(p => _trees.Comparisons.Compare(_candidates.Records[p.A], _candidates.Records[p.B], _candidates.Tokens)).ToArray();
        _unsupervisedLevels = _pairs.Select(p => _unsupervised.Comparisons.Compare(_candidates.Records[p.A], _candidates.Records[p.B], _candidates.Tokens)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _trees.Dispose();

    [Benchmark(OperationsPerInvoke = Pairs)]
    public double ScoreLevelsWithTrees() => Sum(_trees, _treeLevels);

    [Benchmark(OperationsPerInvoke = Pairs, Baseline = true)]
    public double ScoreLevelsWithFellegiSunter() => Sum(_unsupervised, _unsupervisedLevels);

    /// <summary>Score with per-feature contributions (ML.NET's feature contribution calculation): once per resolved row.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public double ExplainLevelsWithTrees()
    {
        double sum = 0;
        foreach (var l in _treeLevels) sum += _trees.Score(l).Contributions.Count;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Pairs)]
    public double CompareAndScoreWithTrees() => CompareAndSum(_trees);

    [Benchmark(OperationsPerInvoke = Pairs)]
    public double CompareAndScoreWithFellegiSunter() => CompareAndSum(_unsupervised);

    private static double Sum(IPairScorer scorer, int[][] levels)
    {
        double sum = 0;
        foreach (var l in levels) sum += scorer.Probability(l);
        return sum;
    }

    private double CompareAndSum(IPairScorer scorer)
    {
        double sum = 0;
        foreach (var (a, b) in _pairs) sum += scorer.Probability(scorer.Comparisons.Compare(_candidates.Records[a], _candidates.Records[b], _candidates.Tokens));
        return sum;
    }
}
