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
/// <c>names train</c>: fits the supervised model (<see cref="BoostedTreeModel"/>: boosted trees over the comparison
/// levels and the unsupervised model's log-odds) and stores it in the registry as a new model version, which later
/// runs use. It learns from the reviewers' decisions, a labels file, or both. A labels file holds name pairs (columns
/// name1, name2, is_match, optional schema/kind), pairs of the registry's ids (id1, id2, is_match), or rows with a
/// truth column (--truth-column; the training pairs are then the candidate pairs the index proposes). The
/// unsupervised model under it is the registry's (the one under its supervised model), else the built-in one.
/// Afterwards the pending proposals are re-scored with the new model; those now clearly a match (at or above the
/// upper threshold) are merged, those clearly not (below the lower one) cannot-linked, recorded with actor
/// <c>model:vN</c>. Input that cannot be fitted (unknown ids, unreadable labels, too few pairs, one class only) exits
/// 2 and stores nothing.
/// </summary>
public static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var registry = new RegistryOptions();
        var labels = new Option<string?>("--labels") { Description = "CSV of labelled pairs (name1,name2,is_match[,schema] or id1,id2,is_match with the registry's ids) or of rows with --truth-column" };
        var truth = new Option<string?>("--truth-column") { Description = "with --labels: the file holds rows and this column their true entity" };
        var column = CommonOptions.NameColumn();
        var context = new Option<string?>("--context-columns") { Description = "with --truth-column: context columns to train on" };
        var pretrained = new Option<string?>("--pretrained")
        {
            Description = "instead: train the pretrained model on the labelled data sets this manifest lists " +
                          "(src/Resolver/Data/models/training-sets.json) and write it to --out; no registry is used",
        };
        var output = new Option<string?>("--out") { Description = "with --pretrained: the model file to write" };
        var datasets = new Option<string>("--datasets") { Description = "with --pretrained: the directory the manifest's paths are under", DefaultValueFactory = _ => "datasets" };
        var leaveOut = new Option<string[]>("--leave-out") { Description = "with --pretrained: leave this set of the manifest out (repeatable)", AllowMultipleArgumentsPerToken = true };
        var seed = new Option<int?>("--seed") { Description = "with --pretrained: seed of the pair sample and the trees (default: the manifest's)" };
        var command = new Command("train", "Fit the supervised scorer on reviewers' decisions and labelled data; store it in the registry as a new model version.")
        {
            labels, truth, column, context, pretrained, output, datasets, leaveOut, seed,
        };
        registry.AddTo(command);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "train", async () =>
        {
            if (parse.GetValue(pretrained) is { } manifest)
            {
                if (parse.GetValue(labels) is not null) throw new CliUsageException("--pretrained trains on the manifest's data sets: leave out --labels");
                var outPath = parse.GetValue(output) ?? throw new CliUsageException("--pretrained needs --out FILE: the model file to write");
                return await Training.PretrainedTraining.RunAsync(console, manifest, parse.GetValue(datasets)!, parse.GetValue(leaveOut) ?? [],
                    parse.GetValue(seed), outPath, ct);
            }
            var location = registry.Bind(parse);
            await using var store = await location.OpenAsync(mustExist: false, ct);
            var pairs = await DecisionPairsAsync(store, ct);
            var decisions = pairs.Count;
            var trainer = new ModelTrainer();
            var contextColumns = (parse.GetValue(context) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var current = await PairScorerSerializer.LoadAsync(store, ct);
            if (current?.Refused is { } refused) console.Error.WriteLine($"names train: {refused}");
            var unsupervised = ModelTrainer.UnsupervisedOf(current?.Scorer ?? DefaultModel.Load());
            var labelsPath = parse.GetValue(labels);
            string source;
            BoostedTreeModel model;
            try
            {
                if (labelsPath is not null && parse.GetValue(truth) is { } truthColumn)
                {
                    var rows = ReadLabelledRows(console, labelsPath, parse.GetValue(column)!, truthColumn, contextColumns);
                    model = trainer.TrainFromLabels(rows, unsupervised, contextColumns, pairs);
                    source = $"{rows.Count:N0} labelled rows of {Path.GetFileName(labelsPath)} and {decisions:N0} reviewers' decisions";
                }
                else
                {
                    if (labelsPath is not null) pairs.AddRange(await ReadLabelledPairsAsync(console, store, labelsPath, ct));
                    if (pairs.Count == 0) throw new CliUsageException("nothing to learn from: the registry has no review decisions and no --labels file was given");
                    model = trainer.TrainFromPairs(pairs, unsupervised);
                    source = labelsPath is null ? $"{decisions:N0} reviewers' decisions"
                        : $"{pairs.Count - decisions:N0} labelled pairs of {Path.GetFileName(labelsPath)} and {decisions:N0} reviewers' decisions";
                }
            }
            catch (TrainingDataException e)
            {
                throw new CliUsageException($"no model stored: {e.Message}");
            }
            source += $", on {unsupervised.Kind}";
            // What later runs will load: a model that does not load back is not stored.
            PairScorerSerializer.Deserialize(model.Serialize());
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

    /// <summary>
    /// Labelled pairs of a labels file: names (name1, name2) or the registry's ids (id1, id2, each read as its entity's
    /// canonical name). A line whose label is not a yes/no value or whose id is unknown is an error naming the line.
    /// </summary>
    private static async Task<List<(ResolveInput A, ResolveInput B, bool IsMatch)>> ReadLabelledPairsAsync(CliConsole console, IRegistryStore store, string path, CancellationToken ct)
    {
        using var reader = new CsvRecordReader(CsvCharSource.Open(CsvInputFile.Open(path, console.OpenStdin).Stream));
        var header = new CsvHeader(reader.ReadHeader() ?? throw new CliIoException($"labels '{path}' is empty"));
        var byId = header.Find("id1") is not null && header.Find("name1") is null;
        int n1 = header.Require(byId ? "id1" : "name1", "--labels"), n2 = header.Require(byId ? "id2" : "name2", "--labels"), m = header.Require("is_match", "--labels");
        var schema = header.Find("schema") ?? header.Find("kind");
        var list = new List<(ResolveInput, ResolveInput, bool)>();
        while (reader.ReadNext(header.Columns.Count, out var record, out var reject) is var kind && kind != CsvReadKind.End)
        {
            if (kind != CsvReadKind.Record) throw new CliUsageException($"labels '{path}' line {reject.Line}: {reject.Reason}; no model stored");
            var f = record.Fields;
            if (!TryParseMatch(f[m], out var isMatch))
                throw new CliUsageException($"labels '{path}' line {record.Line}: is_match '{f[m]}' is not one of true/false, 1/0, yes/no, match/nonmatch; no model stored");
            if (byId)
            {
                list.Add((await EntityInputAsync(store, f[n1], path, record.Line, ct), await EntityInputAsync(store, f[n2], path, record.Line, ct), isMatch));
                continue;
            }
            var k = schema is int s ? (f[s].Equals("person", StringComparison.OrdinalIgnoreCase) ? "person" : "legal_entity") : null;
            list.Add((new ResolveInput(f[n1], Kind: k), new ResolveInput(f[n2], Kind: k), isMatch));
        }
        return list;
    }

    private static async Task<ResolveInput> EntityInputAsync(IRegistryStore store, string id, string path, long line, CancellationToken ct)
    {
        var entity = await store.GetEntityAsync(id.Trim(), ct)
                     ?? throw new CliUsageException($"labels '{path}' line {line}: id '{id}' is not in the registry; no model stored");
        return new ResolveInput(entity.CanonicalName, Kind: entity.Kind);
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
