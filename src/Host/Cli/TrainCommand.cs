using System.CommandLine;
using System.Globalization;
using Names.Host.Csv;
using Names.Host.Resolving;
using Names.Resolver.Resolution;
using Names.Resolver.Review;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;

namespace Names.Host.Cli;

/// <summary>
/// <c>names train</c>: fits the supervised scorer and stores it in the registry as a new model version, which later runs
/// use. From the reviewers' decisions alone it fits corrections to the registry's unsupervised model
/// (<see cref="CorrectedModel"/>): decisions are few and sampled near the review band, too few and too biased to fit a
/// model from scratch. With a labels file (pairs: columns name1, name2, is_match, optional schema/kind; or rows with a
/// truth column, --truth-column, training pairs then being the candidate pairs the index proposes) it fits a
/// regularised logistic regression from scratch, the decisions added to the pairs. Afterwards the pending proposals
/// are re-scored with the new model; those now clearly a match (at or above the upper threshold) are merged, those
/// clearly not (below the lower one) cannot-linked, recorded with actor <c>model:vN</c>.
/// </summary>
public static class TrainCommand
{
    /// <summary>L2 of a logistic regression fitted from scratch on labelled data.</summary>
    public const double ScratchL2 = 1.0;

    public static Command Create(CliConsole console)
    {
        var registry = new RegistryOptions();
        var labels = new Option<string?>("--labels") { Description = "CSV of labelled pairs (name1,name2,is_match[,schema]) or of rows with --truth-column" };
        var truth = new Option<string?>("--truth-column") { Description = "with --labels: the file holds rows and this column their true entity" };
        var column = CommonOptions.NameColumn();
        var context = new Option<string?>("--context-columns") { Description = "with --truth-column: context columns to train on" };
        var l2 = new Option<double?>("--l2")
        {
            Description = $"L2 regularisation strength (default {ScratchL2} from labels; {CorrectedModelTrainer.DefaultL2} on decisions alone, where it pulls the corrections towards the unsupervised model)",
        };
        var command = new Command("train", "Fit the supervised scorer on reviewers' decisions and labelled data; store it in the registry as a new model version.")
        {
            labels, truth, column, context, l2,
        };
        registry.AddTo(command);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "train", async () =>
        {
            var location = registry.Bind(parse);
            await using var store = await location.OpenAsync(mustExist: false, ct);
            var pairs = await DecisionPairsAsync(store, ct);
            var decisions = pairs.Count;
            var trainer = new ModelTrainer();
            var contextColumns = (parse.GetValue(context) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            IPairScorer model;
            string source;
            if (parse.GetValue(labels) is { } labelsPath && parse.GetValue(truth) is { } truthColumn)
            {
                var rows = ReadLabelledRows(console, labelsPath, parse.GetValue(column)!, truthColumn, contextColumns);
                model = trainer.TrainLogisticRegressionFromLabels(rows, contextColumns, parse.GetValue(l2) ?? ScratchL2);
                source = $"{rows.Count:N0} labelled rows of {Path.GetFileName(labelsPath)}";
                if (decisions > 0) source += " (reviewers' decisions are used when training from pairs only)";
            }
            else
            {
                var pairsPath = parse.GetValue(labels);
                if (pairsPath is not null) pairs.AddRange(ReadLabelledPairs(console, pairsPath));
                if (pairs.Count == 0) throw new CliUsageException("nothing to learn from: the registry has no review decisions and no --labels file was given");
                if (pairsPath is null)
                {
                    // Starting from the unsupervised model, one kind of decision is evidence too (it shifts the calibration).
                    var unsupervised = await RegistryModel.LoadAsync(store, ct);
                    var corrected = trainer.TrainCorrection(unsupervised, pairs, parse.GetValue(l2) ?? CorrectedModelTrainer.DefaultL2);
                    model = corrected;
                    source = $"{decisions:N0} reviewers' decisions, correcting the unsupervised {corrected.Base.Kind} model";
                }
                else
                {
                    if (pairs.All(p => p.IsMatch) || pairs.All(p => !p.IsMatch))
                        throw new CliUsageException($"all {pairs.Count} labelled pairs say the same ({(pairs[0].IsMatch ? "match" : "no match")}): both kinds are needed");
                    model = trainer.TrainLogisticRegression(pairs, null, parse.GetValue(l2) ?? ScratchL2);
                    source = $"{pairs.Count:N0} labelled pairs ({decisions:N0} reviewers' decisions)";
                }
            }
            var version = await PairScorerSerializer.SaveAsync(store, model, $"{model.Kind} on {source}", ct);
            var versionText = version.ToString(CultureInfo.InvariantCulture);
            // Pair scoring loads the latest stored model: the one just saved.
            RescoreOutcome rescored;
            await using (var review = await CliReview.OpenAsync(location, scoring: true, ct))
                rescored = await review.Queue.RescorePendingAsync("model:v" + versionText, ct);
            new CliSummary("names train: done")
                .Add("registry", location.ToString())
                .Add("model", $"{model.Kind} v{versionText}")
                .Add("trained on", source)
                .Add("pending re-scored", $"{rescored.Rescored:N0}: merged {rescored.Accepted:N0}, cannot-linked {rescored.Rejected:N0}, still pending {rescored.StillPending:N0}"
                                          + (rescored.Refused > 0 ? $", refused {rescored.Refused:N0}" : "") + $" (recorded as model:v{versionText})")
                .WriteTo(console.Error);
            return CliExitCodes.Done;
        }));
        return command;
    }

    /// <summary>Decided proposals as labelled pairs of the two entities' canonical names (accepted = match).</summary>
    private static async Task<List<(ResolveInput A, ResolveInput B, bool IsMatch)>> DecisionPairsAsync(IRegistryStore store, CancellationToken ct)
    {
        var pairs = new List<(ResolveInput, ResolveInput, bool)>();
        foreach (var p in await store.GetProposalsAsync(null, ct))
        {
            if (p.Status is not (ProposalStatus.Accepted or ProposalStatus.Rejected)) continue;
            var a = await store.GetEntityAsync(p.EntityA, ct);
            var b = await store.GetEntityAsync(p.EntityB, ct);
            if (a is null || b is null) continue;
            pairs.Add((new ResolveInput(a.CanonicalName, Kind: a.Kind), new ResolveInput(b.CanonicalName, Kind: b.Kind), p.Status == ProposalStatus.Accepted));
        }
        return pairs;
    }

    private static IEnumerable<(ResolveInput A, ResolveInput B, bool IsMatch)> ReadLabelledPairs(CliConsole console, string path)
    {
        using var reader = new CsvRecordReader(CsvCharSource.Open(CsvInputFile.Open(path, console.OpenStdin).Stream));
        var header = new CsvHeader(reader.ReadHeader() ?? throw new CliIoException($"labels '{path}' is empty"));
        int n1 = header.Require("name1", "--labels"), n2 = header.Require("name2", "--labels"), m = header.Require("is_match", "--labels");
        var schema = header.Find("schema") ?? header.Find("kind");
        var list = new List<(ResolveInput, ResolveInput, bool)>();
        while (reader.ReadNext(header.Columns.Count, out var record, out _) is var kind && kind != CsvReadKind.End)
        {
            if (kind != CsvReadKind.Record) continue;
            var f = record.Fields;
            if (!TryParseMatch(f[m], out var isMatch)) continue;
            var k = schema is int s ? (f[s].Equals("person", StringComparison.OrdinalIgnoreCase) ? "person" : "legal_entity") : null;
            list.Add((new ResolveInput(f[n1], Kind: k), new ResolveInput(f[n2], Kind: k), isMatch));
        }
        return list;
    }

    private static List<(ResolveInput Row, string Label)> ReadLabelledRows(CliConsole console, string path, string column, string truthColumn, IReadOnlyList<string> contextColumns)
    {
        using var reader = new CsvRecordReader(CsvCharSource.Open(CsvInputFile.Open(path, console.OpenStdin).Stream));
        var header = new CsvHeader(reader.ReadHeader() ?? throw new CliIoException($"labels '{path}' is empty"));
        int name = header.Require(column, "--column"), truth = header.Require(truthColumn, "--truth-column");
        var context = contextColumns.Select(c => (c, header.Require(c, "--context-columns"))).ToArray();
        var rows = new List<(ResolveInput, string)>();
        while (reader.ReadNext(header.Columns.Count, out var record, out _) is var kind && kind != CsvReadKind.End)
        {
            if (kind != CsvReadKind.Record || record.Fields[truth].Length == 0) continue;
            var f = record.Fields;
            var ctx = context.Length == 0 ? null : context.Where(c => f[c.Item2].Length > 0).ToDictionary(c => c.c, c => f[c.Item2]);
            rows.Add((new ResolveInput(f[name], Context: ctx, Row: record.Line), f[truth]));
        }
        return rows;
    }

    private static bool TryParseMatch(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "match" or "1.0": value = true; return true;
            case "false" or "0" or "no" or "nonmatch" or "0.0": value = false; return true;
            default: value = false; return false;
        }
    }
}
