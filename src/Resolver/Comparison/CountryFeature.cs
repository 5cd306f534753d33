namespace Names.Resolver.Comparison;

/// <summary>Country codes of the two records when both are known.</summary>
public sealed class CountryFeature : IComparisonFeature
{
    public string Name => "country";
    public IReadOnlyList<string> Levels { get; } = ["different country", "same country"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.Country.Length == 0 || b.Country.Length == 0) return IComparisonFeature.NotComparable;
        return a.Country == b.Country ? 1 : 0;
    }
}
