using Names.Resolver.Storage.Sqlite;
using Names.Host.Cleaning;
using Names.Host.Cli;
using Names.Host.Csv;
using Names.Resolver.Evaluation;
using Names.Resolver.Resolution;
using Names.Resolver.Review;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;

namespace Names.Host.Resolving;

/// <summary>One point of the learning curve: the supervised scorer trained on the first <see cref="Decisions"/> decisions.</summary>
public sealed record LearningCurvePoint(int Decisions, int Matches, ClusterMetrics Metrics);

/// <summary>
/// How many reviewer decisions the supervised scorer needs to beat the unsupervised one (<c>names eval
/// --learning-curve</c>), with the queue asking what teaches most. Decisions are simulated from the truth column: the
/// candidate pairs the blocking index proposes that the model of the moment leaves in the review band are the proposals;
/// round by round (<see cref="RoundSize"/> decisions) they are asked in the queue's own order (<see cref="ReviewOrder"/>:
/// least certain under the current model first, a seeded share at random) and decided as a reviewer knowing the truth
/// would, then the supervised model (<see cref="BoostedTreeModel"/>, what <c>names train</c> fits on decisions) is
/// re-trained on all decisions so far and re-scores the proposals left. At each size asked the model is stored as the
/// model of a fresh registry and the input resolved and scored by the same path as <c>names eval</c>. A size with too
/// few decisions to fit (or one class only) gives no point.
/// </summary>
public sealed class LearningCurve(CliConsole console)
{
    /// <summary>Decisions between two re-trainings (a reviewer's session, after which <c>names train</c> runs).</summary>
    public const int RoundSize = 50;
    /// <summary>Pairs outside the band the trees learn the unsupervised verdict from, sampled.</summary>
    public const int MaxAnchors = 1_000;

    public async Task<(ClusterMetrics Unsupervised, IReadOnlyList<LearningCurvePoint> Points)> RunAsync(ResolveRequest request, int truthColumn,
        IReadOnlyList<int> sizes, CancellationToken ct)
    {
        // The curve starts from the unsupervised model (the floor is stated against it): the built-in one, or EM on the run
        // with context columns, whichever model a fresh registry defaults to.
        var (unsupervised, scorer) = await ResolveAsync(request, truthColumn, request.ContextColumns.Count == 0 ? DefaultModel.Load() : null, ct);
        var candidates = new ModelTrainer().LabelledCandidatePairs(ReadLabelledRows(request, truthColumn));
        var defaults = new ResolutionOptions();
        var options = defaults with { LowerThreshold = request.LowerThreshold ?? defaults.LowerThreshold, UpperThreshold = request.UpperThreshold ?? defaults.UpperThreshold };
        var order = ReviewOrder.For(options);
        var baseModel = ModelTrainer.UnsupervisedOf(scorer);
        var trainer = new BoostedTreeTrainer(BoostedTreeTrainer.FeaturesFor(baseModel), baseModel);
        var pairs = candidates.Pairs;
        // Each pair's levels once: every round re-trains and re-scores on them.
        var levels = new int[pairs.Count][];
        var probability = new double[pairs.Count];
        Parallel.For(0, pairs.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var (a, b) = (candidates.Records[pairs[i].A], candidates.Records[pairs[i].B]);
            levels[i] = trainer.Comparisons.Compare(a, b, candidates.Tokens);
            probability[i] = scorer.Probability(scorer.Comparisons.Compare(a, b, candidates.Tokens));
        });
        bool InBand(double p) => p >= options.LowerThreshold && p < options.UpperThreshold;
        // Reviewers see proposals only: the pairs the model of the moment leaves in the review band (the unsupervised one
        // at first; a re-trained model re-scores every pair, as a run with it would propose). Where no decision reaches,
        // the trees keep the unsupervised verdict, learnt from a seeded sample of the pairs it is sure of (labelled by it,
        // not by the truth), else they would carry the band's match rate to pairs they never saw.
        var random = new Random(unchecked((int)request.Seed));
        var anchors = Enumerable.Range(0, pairs.Count).Where(i => !InBand(probability[i])).OrderBy(_ => random.Next()).Take(MaxAnchors)
            .Select(i => (levels[i], probability[i] >= options.UpperThreshold)).ToList();
        var decided = new List<int>();
        var asked = new HashSet<int>();
        BoostedTreeModel? model = null;
        var points = new List<LearningCurvePoint>();
        foreach (var n in sizes.Where(n => n > 0).Distinct().Order())
        {
            while (decided.Count < n)
            {
                // The queue as it stands: proposals not decided yet that the current model still leaves in the band
                // (re-scoring settles the others), in the queue's own order under the current model's scores.
                var queue = Enumerable.Range(0, pairs.Count).Where(i => !asked.Contains(i) && InBand(probability[i])).ToList();
                if (queue.Count == 0) break;
                var next = order.Arrange(queue, i => probability[i], Math.Min(RoundSize, n - decided.Count));
                decided.AddRange(next);
                asked.UnionWith(next);
                if (BoostedTreeTrainer.Problem(decided.Select(i => pairs[i].IsMatch).ToList()) is not null) continue;
                model?.Dispose();
                model = trainer.Train(decided.Select(i => (levels[i], pairs[i].IsMatch)).Concat(anchors).ToList());
                for (int i = 0; i < pairs.Count; i++) probability[i] = model.Probability(levels[i]);
            }
            if (model is null || points.LastOrDefault()?.Decisions == decided.Count) continue;
            points.Add(new LearningCurvePoint(decided.Count, decided.Count(i => pairs[i].IsMatch), (await ResolveAsync(request, truthColumn, model, ct)).Metrics));
            if (decided.Count < n) break; // the queue is empty
        }
        model?.Dispose();
        return (unsupervised, points);
    }

    /// <summary>Resolves the input on a fresh temporary registry (holding <paramref name="model"/> when given) and measures it; returns the model the run used.</summary>
    private async Task<(ClusterMetrics Metrics, IPairScorer Scorer)> ResolveAsync(ResolveRequest request, int truthColumn, IPairScorer? model, CancellationToken ct)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"names-curve-{Guid.NewGuid():N}.db");
        try
        {
            if (model is not null)
                await using (var store = await SqliteRegistryStore.OpenAsync(temp, ct))
                    await PairScorerSerializer.SaveAsync(store, model, "learning curve", ct);
            var collector = new EvaluationCollector(truthColumn, collectRecords: false);
            await new ResolveRun(console).RunAsync(request with { Out = "", Rejects = "-", Registry = new RegistryLocation(temp, null) }, ct, collector);
            IPairScorer used;
            await using (var store = await SqliteRegistryStore.OpenAsync(temp, ct))
                used = await RegistryModel.LoadAsync(store, ct);
            return (ClusterMetrics.Compute(collector.Predicted, collector.Truth), used);
        }
        finally
        {
            new RegistryLocation(temp, null).DeleteSqliteFiles();
        }
    }

    /// <summary>The input rows as the resolver reads them, with their truth label (rows without one are left out).</summary>
    private List<(ResolveInput Row, string Label)> ReadLabelledRows(ResolveRequest request, int truthColumn)
    {
        using var reader = new CsvRecordReader(CsvCharSource.Open(CsvInputFile.Open(request.Input, console.OpenStdin).Stream));
        var header = new CsvHeader(reader.ReadHeader() ?? throw new CliIoException($"input '{request.Input}' is empty"));
        using var rejects = new RejectsSink("-", () => TextWriter.Null);
        var source = new ResolveRowSource(reader, header.Columns.Count, ResolveColumns.From(header, request), request.DefaultKind, rejects);
        var rows = new List<(ResolveInput, string)>();
        while (reader.ReadNext(header.Columns.Count, out var record, out _) is var kind && kind != CsvReadKind.End)
            if (kind == CsvReadKind.Record && record.Fields[truthColumn].Length > 0)
                rows.Add((source.ToInput(record.Fields, record.Line), record.Fields[truthColumn].Split(';')[0]));
        return rows;
    }
}
