using System.Globalization;

namespace Names.Resolver.Scoring;

/// <summary>Match probability of a pair with the contributions that produced it.</summary>
public sealed record PairScore(double Probability, double PriorWeight, IReadOnlyList<FeatureContribution> Contributions)
{
    /// <summary>One line a reviewer can read, strongest evidence first: "p=0.97: jaro_winkler >= 0.97 (+6.1), country different (-3.2)".</summary>
    public string Explain() =>
        string.Create(CultureInfo.InvariantCulture, $"p={Probability:0.000}: ") + string.Join(", ",
            Contributions.Where(c => c.Level >= 0).OrderByDescending(c => Math.Abs(c.Weight))
                .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Feature} {c.LevelLabel} ({c.Weight:+0.0;-0.0})")));
}
