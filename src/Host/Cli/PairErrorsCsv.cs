using System.Globalization;
using Names.Host.Csv;
using Names.Resolver.Evaluation;

namespace Names.Host.Cli;

/// <summary>
/// The misclassified pairs of <c>names eval-pairs --errors</c>, in input order: the case, the cleaned keys, the
/// error (false_positive / false_negative), the probability and the strongest contributions, so that a user sees
/// which comparison levels pushed the pair the wrong way.
/// </summary>
public static class PairErrorsCsv
{
    public static readonly string[] Header = ["schema", "name1", "name2", "is_match", "error", "probability", "key1", "key2", "contributions"];

    /// <summary>Contributions listed per pair, strongest first.</summary>
    public const int TopContributions = 6;

    public static async Task WriteAsync(TextWriter writer, IReadOnlyList<PairCaseScore> scores, double threshold, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        using var csv = CsvRowWriter.To(writer, protectFormulas: false);
        csv.Row(Header);
        foreach (var s in scores)
        {
            bool predicted = s.Probability >= threshold;
            if (predicted == s.Case.IsMatch) continue;
            var contributions = s.Score is null ? "name unusable"
                : string.Join("; ", s.Score.Contributions.Where(c => c.Level >= 0 && c.Weight != 0).OrderByDescending(c => Math.Abs(c.Weight))
                    .Take(TopContributions).Select(c => string.Create(inv, $"{c.Feature}: {c.LevelLabel} ({c.Weight:+0.00;-0.00})")));
            csv.Row([s.Case.Schema, s.Case.Name1, s.Case.Name2, s.Case.IsMatch ? "true" : "false",
                predicted ? "false_positive" : "false_negative", s.Probability.ToString("0.000", inv), s.Key1, s.Key2, contributions]);
        }
        await csv.FlushAsync(ct);
    }
}
