using System.Globalization;
using Names.Host.Cli;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;

namespace Names.Host.Training;

/// <summary>
/// <c>names train --pretrained MANIFEST --out FILE</c>: the pretrained model (boosted trees on the built-in
/// Fellegi-Sunter model) trained on the labelled data sets the manifest lists, a seeded sample of pairs from each, and
/// written as a model file (the form src/Resolver/Data/models/default-pair-model.json ships in). With --leave-out a set
/// is left out, for the leave-one-data-set-out figures (scripts/leave-one-out.sh).
/// </summary>
public static class PretrainedTraining
{
    public static async Task<int> RunAsync(CliConsole console, string manifestPath, string datasets, IReadOnlyList<string> leaveOut, int? seed,
        string output, CancellationToken ct)
    {
        var manifest = TrainingSetManifest.Read(manifestPath);
        foreach (var name in leaveOut)
            if (!manifest.Sets.Any(s => s.Name == name))
                throw new CliUsageException($"--leave-out '{name}' is not a set of '{manifestPath}': {string.Join(", ", manifest.Sets.Select(s => s.Name))}");
        var sets = new List<LabelledSet>();
        foreach (var entry in manifest.Sets.Where(s => !leaveOut.Contains(s.Name)))
            sets.Add(await TrainingSetManifest.LoadAsync(entry, datasets, ct));
        var used = seed ?? manifest.Seed;
        BoostedTreeModel model;
        IReadOnlyList<LabelledSetUse> counts;
        try
        {
            (model, counts) = new ModelTrainer().TrainFromSets(sets, DefaultModel.Load(), manifest.PairsPerSet, used, t => new BoostedTreeTrainer(t.Comparisons, t.Unsupervised)
            {
                Seed = t.Seed,
                Trees = manifest.Trees ?? t.Trees,
                Leaves = manifest.Leaves ?? t.Leaves,
                MinimumExamplesPerLeaf = manifest.MinimumExamplesPerLeaf ?? t.MinimumExamplesPerLeaf,
            });
        }
        catch (TrainingDataException e) { throw new CliUsageException($"no model written: {e.Message}"); }
        var json = model.Serialize();
        // What a registry will load: a model that does not load back is not written.
        PairScorerSerializer.Deserialize(json);
        var partial = output + ".partial";
        try
        {
            await File.WriteAllTextAsync(partial, json, ct);
            File.Move(partial, output, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliIoException($"cannot write '{output}': {e.Message}", e);
        }
        var summary = new CliSummary("names train: done")
            .Add("model", $"{model.Kind} on {model.Unsupervised.Kind} (built-in), seed {used.ToString(CultureInfo.InvariantCulture)}, written to {output}");
        foreach (var c in counts) summary.Add("  " + c.Name, $"{c.Pairs:N0} pairs ({c.Matches:N0} matches)");
        if (leaveOut.Count > 0) summary.Add("left out", string.Join(", ", leaveOut));
        summary.WriteTo(console.Error);
        return CliExitCodes.Done;
    }
}
