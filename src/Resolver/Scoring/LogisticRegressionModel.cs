using System.Text.Json;
using Names.Resolver.Comparison;

namespace Names.Resolver.Scoring;

/// <summary>
/// Supervised model: logistic regression over one indicator per (feature, level); a feature that is not comparable
/// contributes nothing. Contributions are the coefficients of the active indicators (natural log-odds). Written by
/// earlier versions' <c>names train</c>; read so that their registries still open (<see cref="BoostedTreeModel"/> is the
/// supervised model trained now).
/// </summary>
public sealed class LogisticRegressionModel : IPairScorer
{
    public const string KindName = "logistic_regression";

    public LogisticRegressionModel(ComparisonSet comparisons, double intercept, double[][] coefficients)
    {
        Comparisons = comparisons;
        Intercept = intercept;
        Coefficients = coefficients;
    }

    public string Kind => KindName;
    public ComparisonSet Comparisons { get; }
    public double Intercept { get; }
    /// <summary>Coefficient per feature and level.</summary>
    public double[][] Coefficients { get; }

    public PairScore Score(IReadOnlyList<int> levels)
    {
        double total = Intercept;
        var contributions = new FeatureContribution[levels.Count];
        for (int f = 0; f < levels.Count; f++)
        {
            var feature = Comparisons.Features[f];
            var level = levels[f];
            double w = level >= 0 ? Coefficients[f][level] : 0;
            total += w;
            contributions[f] = new FeatureContribution(feature.Name, level, level >= 0 ? feature.Levels[level] : "not comparable", w);
        }
        return new PairScore(1 / (1 + Math.Exp(-total)), Intercept, contributions);
    }

    public double Probability(IReadOnlyList<int> levels)
    {
        double total = Intercept;
        for (int f = 0; f < levels.Count; f++)
            if (levels[f] >= 0) total += Coefficients[f][levels[f]];
        return 1 / (1 + Math.Exp(-total));
    }

    public string Serialize() => JsonSerializer.Serialize(new Parameters(KindName, Comparisons.Features.Select(f => f.Name).ToArray(), Intercept, Coefficients));

    internal static LogisticRegressionModel Deserialize(string json)
    {
        var p = JsonSerializer.Deserialize<Parameters>(json) ?? throw new FormatException("empty model");
        return new LogisticRegressionModel(ComparisonSet.FromNames(p.Features), p.Intercept, p.Coefficients);
    }

    internal sealed record Parameters(string Kind, string[] Features, double Intercept, double[][] Coefficients);
}
