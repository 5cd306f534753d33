using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Names.Host.Csv;
using Names.Host.Resolving;
using Names.Resolver.Evaluation;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;

namespace Names.Host.Cli;

/// <summary>
/// <c>names eval</c>: resolves a labelled CSV (on a fresh temporary registry unless --db is given; the truth column is
/// never read by the resolver; it starts with the --model given, else as any fresh registry) and measures the result against the truth: pairwise and B-cubed precision/recall/F1,
/// cluster counts, pairs completeness and reduction ratio of the candidate search, wall time.
/// </summary>
public static class EvalCommand
{
    /// <summary>Above this many labelled parties the blocking metrics (which hold every candidate pair) are skipped.</summary>
    public const int BlockingMetricsLimit = 300_000;

    public static Command Create(CliConsole console)
    {
        var options = new ResolveOptions();
        var truth = new Option<string>("--truth-column") { Description = "column holding the true entity label (never shown to the resolver)", Required = true };
        var json = new Option<string?>("--json") { Description = "also write the figures as JSON to this file" };
        var output = new Option<string?>("--out") { Description = "also write the resolved rows (resolve output) to this file" };
        var acronyms = new Option<string?>("--acronym-column")
        {
            Description = "COLUMN=TEXT: rows whose COLUMN contains TEXT count as acronyms in the per-subset figures (besides the fields " +
                          "the normaliser reads as an acronym alone), e.g. name_type=acronym",
        };
        var curve = new Option<string?>("--learning-curve")
        {
            Description = "instead: how many reviewer decisions (simulated from the truth, in review-queue order) the supervised scorer needs " +
                          "to beat the unsupervised one; the decision counts to try, e.g. 10,20,50,100,200,500",
        };
        var model = ModelOption.Create();
        var command = new Command("eval", "Resolve a labelled CSV and measure the result against its truth column: pairwise and B-cubed " +
                                          "precision/recall/F1, cluster counts, pairs completeness, reduction ratio, wall time.");
        options.AddTo(command);
        command.Options.Add(truth);
        command.Options.Add(json);
        command.Options.Add(output);
        command.Options.Add(acronyms);
        command.Options.Add(curve);
        command.Options.Add(model);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "eval", async () =>
        {
            var location = options.Registry.Bind(parse);
            var explicitDb = location.Pg is not null || parse.GetResult(options.Registry.Db) is { Implicit: false };
            var temp = explicitDb ? null : Path.Combine(Path.GetTempPath(), $"names-eval-{Guid.NewGuid():N}.db");
            var request = options.Bind(parse) with { Out = parse.GetValue(output) ?? "", Rejects = "-", Registry = temp is null ? location : new RegistryLocation(temp, null) };
            try
            {
                var truthColumn = FindTruthColumn(console, request.Input, parse.GetValue(truth)!);
                if (parse.GetValue(model) is { } spec)
                {
                    if (temp is null || parse.GetValue(curve) is not null)
                        throw new CliUsageException("--model is for a fresh temporary registry: leave out --db, --pg and --learning-curve");
                    var (scorer, description) = ModelOption.Read(spec);
                    await using var store = await request.Registry.OpenAsync(mustExist: false, ct);
                    await PairScorerSerializer.SaveAsync(store, scorer, "--model " + description, ct);
                }
                if (parse.GetValue(curve) is { } sizesText)
                {
                    var sizes = ParseSizes(sizesText);
                    var (unsupervised, points) = await new LearningCurve(console).RunAsync(request with { Out = "" }, truthColumn, sizes, ct);
                    PrintCurve(unsupervised, points, console.Out);
                    if (parse.GetValue(json) is { } curveJson)
                        await File.WriteAllTextAsync(curveJson, JsonSerializer.Serialize(new { unsupervised, points }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }), ct);
                    return CliExitCodes.Done;
                }
                var collector = new EvaluationCollector(truthColumn, acronymMark: FindAcronymMark(console, request.Input, parse.GetValue(acronyms)));
                var outcome = await new ResolveRun(console).RunAsync(request, ct, collector);
                var result = Evaluate(collector, outcome, request, parse.GetValue(truth)!) with
                {
                    ReviewBand = await ReviewBandOf(request.Registry, collector, ct),
                };
                Print(result, console.Out);
                if (parse.GetValue(json) is { } jsonPath)
                    await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }), ct);
                return CliExitCodes.Done;
            }
            finally
            {
                if (temp is not null)
                    new RegistryLocation(temp, null).DeleteSqliteFiles();
            }
        }));
        return command;
    }

    private static int FindTruthColumn(CliConsole console, string input, string column, string option = "--truth-column")
    {
        if (input == "-") throw new CliUsageException("eval reads its input twice (truth and resolve): give a file, not -");
        CommonOptions.CheckInput(input);
        var file = CsvInputFile.Open(input, console.OpenStdin);
        using var reader = new CsvRecordReader(CsvCharSource.Open(file.Stream));
        var header = reader.ReadHeader() ?? throw new CliIoException($"input '{input}' is empty: a header row is needed");
        return new CsvHeader(header).Require(column, option);
    }

    private static (int, string)? FindAcronymMark(CliConsole console, string input, string? mark)
    {
        if (mark is null) return null;
        var at = mark.IndexOf('=');
        if (at <= 0 || at == mark.Length - 1) throw new CliUsageException($"--acronym-column takes COLUMN=TEXT (e.g. name_type=acronym), not '{mark}'");
        return (FindTruthColumn(console, input, mark[..at], "--acronym-column"), mark[(at + 1)..]);
    }

    public static EvaluationResult Evaluate(EvaluationCollector c, ResolveOutcome o, ResolveRequest request, string truthColumn)
    {
        var m = ClusterMetrics.Compute(c.Predicted, c.Truth);
        BlockingSearch? search = null;
        if (c.Records.Count <= BlockingMetricsLimit) search = BlockingSearch.Search(c.Records, new ResolutionOptions().MaxCandidates);
        var b = search?.Measure(c.Truth);
        var subsets = new List<SubsetResult>();
        if (c.Subsets.Count == c.Predicted.Count)
            foreach (var subset in Enum.GetValues<PartySubset>())
            {
                var rows = Enumerable.Range(0, c.Subsets.Count).Where(i => c.Subsets[i] == subset).ToList();
                if (rows.Count == 0) continue;
                var sm = ClusterMetrics.Compute(rows.Select(i => c.Predicted[i]).ToList(), rows.Select(i => c.Truth[i]).ToList());
                var sb = search?.Measure(c.Truth, i => c.Subsets[i] == subset);
                subsets.Add(new SubsetResult(PartySubsets.Label(subset), rows.Count, sm.BCubedPrecision, sm.BCubedRecall, sm.BCubedF1, sm.TruePairs,
                    sb?.PairsCompleteness, sb?.ReductionRatio));
            }
        return new EvaluationResult(request.Input, truthColumn, o.Model, o.Rows, o.Rejected, c.Predicted.Count,
            m.PairPrecision, m.PairRecall, m.PairF1, m.BCubedPrecision, m.BCubedRecall, m.BCubedF1,
            m.PredictedClusters, m.TrueClusters, m.TruePairs, m.PredictedPairs, m.CorrectPairs,
            b?.PairsCompleteness, b?.ReductionRatio, o.Statistics.ProposalsCreated, o.Elapsed.TotalSeconds,
            o.Statistics.Accuracy?.BCubedPrecision, o.Statistics.Accuracy?.BCubedRecall, subsets);
    }

    /// <summary>The share of the run's pending proposals that the truth holds as one entity.</summary>
    private static async Task<ProposalPrecision> ReviewBandOf(RegistryLocation registry, EvaluationCollector collector, CancellationToken ct)
    {
        await using var store = await registry.OpenAsync(mustExist: true, ct);
        var pending = await store.GetProposalsAsync(Names.Resolver.Storage.ProposalStatus.Pending, ct);
        return ProposalPrecision.Compute(pending.Select(p => (p.EntityA, p.EntityB)), collector.Predicted, collector.Truth);
    }

    private static List<int> ParseSizes(string text)
    {
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) sizes.Add(n);
            else throw new CliUsageException($"--learning-curve takes positive decision counts separated by commas, not '{part}'");
        return sizes.Count > 0 ? sizes : throw new CliUsageException("--learning-curve needs at least one decision count");
    }

    private static void PrintCurve(ClusterMetrics unsupervised, IReadOnlyList<LearningCurvePoint> points, TextWriter w)
    {
        var inv = CultureInfo.InvariantCulture;
        string Row(string decisions, string matches, ClusterMetrics m) => string.Create(inv, $"{decisions,-14} {matches,-8} {m.PairPrecision,7:0.0000} {m.PairRecall,7:0.0000} {m.PairF1,7:0.0000}   {m.BCubedPrecision,7:0.0000} {m.BCubedRecall,7:0.0000} {m.BCubedF1,7:0.0000}   {m.BCubedF1 - unsupervised.BCubedF1,+8:+0.0000;-0.0000}");
        w.WriteLine($"{"decisions",-14} {"matches",-8} {"pair P",7} {"pair R",7} {"pair F1",7}   {"B3 P",7} {"B3 R",7} {"B3 F1",7}   {"vs unsup.",8}");
        w.WriteLine(Row("unsupervised", "-", unsupervised));
        foreach (var p in points) w.WriteLine(Row(p.Decisions.ToString(inv), p.Matches.ToString(inv), p.Metrics));
        var first = points.FirstOrDefault(p => p.Metrics.BCubedF1 > unsupervised.BCubedF1);
        w.WriteLine(first is null
            ? $"the supervised scorer did not beat the unsupervised one (B-cubed F1) within {points.LastOrDefault()?.Decisions ?? 0} decisions"
            : $"the supervised scorer beats the unsupervised one (B-cubed F1) from {first.Decisions} decisions on");
        w.Flush();
    }

    private static void Print(EvaluationResult r, TextWriter w)
    {
        var inv = CultureInfo.InvariantCulture;
        string F(double? v) => v is null ? "n/a" : v.Value.ToString("0.0000", inv);
        string N(long v) => v.ToString("N0", inv);
        var rows = new (string, string)[]
        {
            ("data set", r.Input), ("truth column", r.TruthColumn), ("model", r.Model),
            ("rows", $"{N(r.Rows)} ({N(r.Rejected)} rejected), {N(r.Parties)} labelled parties"),
            ("pairwise precision", F(r.PairPrecision)), ("pairwise recall", F(r.PairRecall)), ("pairwise F1", F(r.PairF1)),
            ("B-cubed precision", $"{F(r.BCubedPrecision)}  (the run's own estimate, without labels: {F(r.EstimatedBCubedPrecision)})"),
            ("B-cubed recall", $"{F(r.BCubedRecall)}  (the run's own estimate, without labels: {F(r.EstimatedBCubedRecall)})"),
            ("B-cubed F1", F(r.BCubedF1)),
            ("clusters predicted / true", $"{N(r.PredictedClusters)} / {N(r.TrueClusters)}"),
            ("pairs true / predicted / correct", $"{N(r.TruePairs)} / {N(r.PredictedPairs)} / {N(r.CorrectPairs)}"),
            ("pairs completeness", F(r.PairsCompleteness)), ("reduction ratio", F(r.ReductionRatio)),
            ("review proposals", N(r.ReviewProposals)),
            ("review proposals true", r.ReviewBand is { } band ? $"{N(band.TrueMatches)} of {N(band.Proposals)} pending ({F(band.Share)})" : "n/a"),
            ("wall time", $"{r.Seconds.ToString("0.00", inv)} s"),
        };
        var subsetRows = (r.Subsets ?? []).Select(s => ($"  {s.Subset}",
            $"{N(s.Parties)} parties, {N(s.TruePairs)} true pairs: B-cubed P {F(s.BCubedPrecision)} R {F(s.BCubedRecall)} F1 {F(s.BCubedF1)}; " +
            $"pairs completeness {F(s.PairsCompleteness)}, reduction ratio {F(s.ReductionRatio)}"));
        rows = [.. rows, ("by subset", "(pairs of two parties of the subset)"), .. subsetRows];
        var width = rows.Max(x => x.Item1.Length);
        foreach (var (label, value) in rows) w.WriteLine($"{label.PadRight(width)}  {value}");
        w.Flush();
    }
}

/// <summary>The figures `names eval` prints and writes with --json.</summary>
public sealed record EvaluationResult(
    string Input, string TruthColumn, string Model, long Rows, long Rejected, int Parties,
    double PairPrecision, double PairRecall, double PairF1, double BCubedPrecision, double BCubedRecall, double BCubedF1,
    int PredictedClusters, int TrueClusters, long TruePairs, long PredictedPairs, long CorrectPairs,
    double? PairsCompleteness, double? ReductionRatio, long ReviewProposals, double Seconds,
    double? EstimatedBCubedPrecision = null, double? EstimatedBCubedRecall = null, IReadOnlyList<SubsetResult>? Subsets = null)
{
    /// <summary>How many pending proposals join what the truth holds as one entity.</summary>
    public ProposalPrecision? ReviewBand { get; init; }
}

/// <summary>The figures of one <see cref="PartySubset"/>: over the pairs of two of its parties.</summary>
public sealed record SubsetResult(string Subset, int Parties, double BCubedPrecision, double BCubedRecall, double BCubedF1, long TruePairs,
    double? PairsCompleteness, double? ReductionRatio);
