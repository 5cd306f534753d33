using Names.Resolver.Storage.Sqlite;
using Names.Host.Cleaning;
using Names.Host.Cli;
using Names.Host.Csv;
using Names.Resolver.Evaluation;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;

namespace Names.Host.Resolving;

/// <summary>One point of the learning curve: the supervised scorer trained on the first <see cref="Decisions"/> decisions.</summary>
public sealed record LearningCurvePoint(int Decisions, int Matches, ClusterMetrics Metrics);

/// <summary>
/// How many reviewer decisions the supervised scorer needs to beat the unsupervised one (<c>names eval
/// --learning-curve</c>). Decisions are simulated from the truth column: the candidate pairs the blocking index
/// proposes are put in review-queue order (score under the unsupervised model nearest the middle of the review band
/// first; only pairs inside the review band, as reviewers see only proposals) and the first N are labelled as a
/// reviewer knowing the truth would decide them. The supervised model on top of the unsupervised one
/// (<see cref="BoostedTreeModel"/>, what <c>names train</c> fits on decisions) is trained on those N, stored as the model
/// of a fresh registry, and the input resolved and scored by the same path as <c>names eval</c>. A size with too few
/// decisions to fit (or one class only) gives no point.
/// </summary>
public sealed class LearningCurve(CliConsole console)
{

    public async Task<(ClusterMetrics Unsupervised, IReadOnlyList<LearningCurvePoint> Points)> RunAsync(ResolveRequest request, int truthColumn,
        IReadOnlyList<int> sizes, CancellationToken ct)
    {
        var (unsupervised, scorer) = await ResolveAsync(request, truthColumn, null, ct);
        var trainer = new ModelTrainer();
        var candidates = trainer.LabelledCandidatePairs(ReadLabelledRows(request, truthColumn));
        var defaults = new ResolutionOptions();
        double lower = request.LowerThreshold ?? defaults.LowerThreshold, upper = request.UpperThreshold ?? defaults.UpperThreshold;
        var boundary = (lower + upper) / 2;
        // Reviewers only see proposals: pairs the unsupervised model leaves in the review band. Labelling pairs outside
        // it would be truth the registry never gets.
        var scored = candidates.Pairs
            .Select((p, i) => (Pair: p, Index: i, Probability: scorer.Probability(scorer.Comparisons.Compare(candidates.Records[p.A], candidates.Records[p.B], candidates.Tokens))))
            .ToList();
        var queue = scored.Where(x => x.Probability >= lower && x.Probability < upper)
            .OrderBy(x => Math.Abs(x.Probability - boundary)).ThenBy(x => x.Index).Select(x => x.Pair).ToList();
        // Decisions only cover the band; outside it the trees keep the unsupervised verdict, learnt from the pairs the
        // unsupervised model is sure of (labelled by it, not by the truth), else they would carry the band's match rate
        // to pairs they never saw.
        var anchors = scored.Where(x => x.Probability < lower || x.Probability >= upper)
            .Select(x => (x.Pair.A, x.Pair.B, IsMatch: x.Probability >= upper)).ToList();
        var points = new List<LearningCurvePoint>();
        foreach (var n in sizes.Where(n => n > 0).Distinct().Order())
        {
            var decided = queue.Take(n).ToList();
            if (decided.Count == 0) break; // the unsupervised model leaves no pair to review
            var matches = decided.Count(p => p.IsMatch);
            if (decided.Count < BoostedTreeTrainer.MinimumPairs) continue;
            using var model = trainer.Train(candidates, decided.Concat(anchors), scorer);
            points.Add(new LearningCurvePoint(decided.Count, matches, (await ResolveAsync(request, truthColumn, model, ct)).Metrics));
            if (decided.Count < n) break; // every pair in the review band decided
        }
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
