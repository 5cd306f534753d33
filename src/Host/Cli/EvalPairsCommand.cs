using System.CommandLine;
using System.Globalization;
using Names.Resolver.Evaluation;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;

namespace Names.Host.Cli;

/// <summary>
/// <c>names eval-pairs CASES</c>: the pair scorer on labelled name pairs (columns schema, name1, name2, is_match, as
/// nomenklatura's namebench): precision, recall and F1 overall and per schema. Scores with --model, else the registry's model
/// when --db/--pg is given, else the default a fresh registry uses; with --cv K, the supervised scorer (on top of the built-in model) is trained and tested by K-fold
/// cross-validation instead (each pair is scored by a model that never saw it). --errors lists the pairs decided wrongly.
/// </summary>
public static class EvalPairsCommand
{
    public static Command Create(CliConsole console)
    {
        var cases = new Argument<string>("CASES") { Description = "CSV of labelled pairs: schema, name1, name2, is_match" };
        var registry = new RegistryOptions();
        var threshold = new Option<double>("--threshold") { Description = "match when the probability reaches this", DefaultValueFactory = _ => 0.5 };
        var folds = new Option<int>("--cv") { Description = "K-fold cross-validation of the supervised scorer (0: score with the stored or built-in model)" };
        var seed = new Option<int>("--seed") { Description = "seed of the fold assignment", DefaultValueFactory = _ => 1 };
        var errors = new Option<string?>("--errors") { Description = "write the misclassified pairs to this CSV file (- for standard output): names, cleaned keys, label, probability, strongest contributions" };
        var modelOption = ModelOption.Create();
        var command = new Command("eval-pairs", "Measure the pair scorer on labelled name pairs: precision, recall, F1 overall and per schema.") { cases, threshold, folds, seed, errors, modelOption };
        registry.AddTo(command);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "eval-pairs", async () =>
        {
            var path = parse.GetValue(cases)!;
            if (!File.Exists(path)) throw new CliIoException($"cases file '{path}' does not exist");
            IReadOnlyList<PairCase> list;
            try { list = await PairCase.ReadAllAsync(path, ct); }
            catch (Exception e) when (e is FormatException or KeyNotFoundException or ArgumentException)
            {
                throw new CliUsageException($"'{path}' is not a pairs file (columns schema, name1, name2, is_match): {e.Message}");
            }
            var k = parse.GetValue(folds);
            var t = parse.GetValue(threshold);
            var benchmark = new PairBenchmark();
            IReadOnlyList<PairCaseScore> scores;
            string model;
            if (k >= 2)
            {
                scores = benchmark.CrossValidate(list, k, parse.GetValue(seed));
                model = $"boosted trees on the built-in model, {k}-fold cross-validation (trained on the other folds)";
            }
            else
            {
                IPairScorer scorer;
                if (parse.GetValue(modelOption) is { } spec) (scorer, model) = ModelOption.Read(spec);
                else if (parse.GetResult(registry.Db) is { Implicit: false } || parse.GetValue(registry.Pg) is not null)
                {
                    await using var store = await registry.Bind(parse).OpenAsync(mustExist: true, ct);
                    scorer = await RegistryModel.LoadAsync(store, ct);
                    model = $"{scorer.Kind} from the registry";
                }
                else
                {
                    scorer = DefaultModel.ForFreshRegistry();
                    model = "built-in default (Fellegi-Sunter, no labels), as a fresh registry";
                }
                scores = benchmark.Scores(list, scorer);
            }
            if (parse.GetValue(errors) is { } errorsPath)
                using (var writer = OutputFile.Open(errorsPath, console)) await PairErrorsCsv.WriteAsync(writer, scores, t, ct);
            Print(console.Out, path, model, PairBenchmark.Evaluate(list, scores.Select(s => s.Probability).ToList(), t)[0]);
            return CliExitCodes.Done;
        }));
        return command;
    }

    private static void Print(TextWriter w, string path, string model, PairBenchmarkResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine($"pairs file  {path}");
        w.WriteLine($"model       {model}");
        w.WriteLine($"threshold   {result.Threshold.ToString("0.00", inv)}");
        w.WriteLine($"{"schema",-14}{"pairs",7}{"precision",11}{"recall",9}{"F1",8}");
        foreach (var (schema, c) in result.BySchema.Prepend(new KeyValuePair<string, PairCounts>("(all)", result.Overall)))
            w.WriteLine($"{schema,-14}{c.Pairs,7}{c.Precision.ToString("0.000", inv),11}{c.Recall.ToString("0.000", inv),9}{c.F1.ToString("0.000", inv),8}");
        w.Flush();
    }
}
