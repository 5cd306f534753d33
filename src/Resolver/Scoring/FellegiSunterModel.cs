using System.Text.Json;
using Names.Resolver.Comparison;

namespace Names.Resolver.Scoring;

/// <summary>
/// Fellegi-Sunter model: per feature and level, m = P(level | match) and u = P(level | non-match); the pair's weight is
/// the prior log2-odds plus log2(m/u) of each comparable feature.
/// </summary>
public sealed class FellegiSunterModel : IPairScorer
{
    public const string KindName = "fellegi_sunter";

    public FellegiSunterModel(ComparisonSet comparisons, double lambda, double[][] m, double[][] u)
    {
        Comparisons = comparisons;
        Lambda = lambda;
        M = m;
        U = u;
        _priorWeight = Math.Log2(lambda / (1 - lambda));
        _weights = m.Select((row, f) => row.Select((mi, l) => Math.Log2(mi / u[f][l])).ToArray()).ToArray();
    }

    private readonly double[][] _weights;
    private readonly double _priorWeight;

    public string Kind => KindName;
    public ComparisonSet Comparisons { get; }
    /// <summary>Prior probability that a candidate pair is a match.</summary>
    public double Lambda { get; }
    public double[][] M { get; }
    public double[][] U { get; }

    public PairScore Score(IReadOnlyList<int> levels)
    {
        var prior = Math.Log2(Lambda / (1 - Lambda));
        double total = prior;
        var contributions = new FeatureContribution[levels.Count];
        for (int f = 0; f < levels.Count; f++)
        {
            var feature = Comparisons.Features[f];
            var level = levels[f];
            double w = level >= 0 ? _weights[f][level] : 0;
            total += w;
            contributions[f] = new FeatureContribution(feature.Name, level, level >= 0 ? feature.Levels[level] : "not comparable", w);
        }
        return new PairScore(1 / (1 + Math.Pow(2, -total)), prior, contributions);
    }

    public double Probability(IReadOnlyList<int> levels)
    {
        double total = _priorWeight;
        for (int f = 0; f < levels.Count; f++)
            if (levels[f] >= 0) total += _weights[f][levels[f]];
        return 1 / (1 + Math.Pow(2, -total));
    }

    public string Serialize() => JsonSerializer.Serialize(new Parameters(KindName,
        Comparisons.Features.Select(f => f.Name).ToArray(), Lambda, M, U));

    internal static FellegiSunterModel Deserialize(string json)
    {
        var p = JsonSerializer.Deserialize<Parameters>(json) ?? throw new FormatException("empty model");
        return new FellegiSunterModel(ComparisonSet.FromNames(p.Features), p.Lambda, p.M, p.U);
    }

    internal sealed record Parameters(string Kind, string[] Features, double Lambda, double[][] M, double[][] U);
}
