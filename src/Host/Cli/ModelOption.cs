using System.CommandLine;
using Names.Resolver.Scoring;

namespace Names.Host.Cli;

/// <summary>
/// <c>--model</c> of `names eval` and `names eval-pairs`: the model to measure instead of the one a fresh registry would
/// use: <c>builtin</c> (the built-in Fellegi-Sunter model), <c>pretrained</c> (the shipped pretrained model), or a model file
/// (as `names train --pretrained --out` writes).
/// </summary>
public static class ModelOption
{
    public static Option<string?> Create() => new("--model")
    {
        Description = "score with this model instead of the default a fresh registry uses: builtin (Fellegi-Sunter), pretrained, " +
                      "or a model file written by `names train --pretrained --out`",
    };

    /// <summary>The model and how to name it in a report.</summary>
    /// <exception cref="CliUsageException">the file is not a model this version reads</exception>
    /// <exception cref="CliIoException">the file cannot be read</exception>
    public static (IPairScorer Model, string Description) Read(string spec)
    {
        if (spec == "builtin") return (DefaultModel.Load(), "built-in (fellegi_sunter)");
        if (spec == "pretrained") return (DefaultModel.Pretrained(), "pretrained (boosted_trees)");
        if (!File.Exists(spec)) throw new CliIoException($"--model '{spec}' is not builtin, pretrained or an existing model file");
        try { return (PairScorerSerializer.Deserialize(File.ReadAllText(spec)), $"{Path.GetFileName(spec)}"); }
        catch (Exception e) when (e is FormatException or ArgumentException or System.Text.Json.JsonException)
        {
            throw new CliUsageException($"--model '{spec}' is not a model this version reads: {e.Message}");
        }
    }
}
