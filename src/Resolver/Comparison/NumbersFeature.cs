namespace Names.Resolver.Comparison;

/// <summary>Numbers in names must agree (<see cref="NumberReading"/>): 3M vs 3M, FUND II vs FUND III, PLANT 12 vs PLANT 13, BRIGADE 44 = BRIGADE FORTY FOUR.</summary>
public sealed class NumbersFeature : IComparisonFeature
{
    public string Name => "numbers";
    public IReadOnlyList<string> Levels { get; } = ["numbers differ", "only one name has numbers", "same numbers"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.Numbers.Length == 0 && b.Numbers.Length == 0) return IComparisonFeature.NotComparable;
        if (a.Numbers.Length == 0 || b.Numbers.Length == 0) return 1;
        return a.Numbers.AsSpan().SequenceEqual(b.Numbers) ? 2 : 0;
    }
}
