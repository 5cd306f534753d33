namespace Names.Resolver.Comparison;

/// <summary>Jaro-Winkler similarity of the compact keys (catches typos and spacing: SHEEL/SHELL, D S M/DSM).</summary>
public sealed class JaroWinklerFeature : IComparisonFeature
{
    public string Name => "jaro_winkler";
    public IReadOnlyList<string> Levels { get; } = ["< 0.85", ">= 0.85", ">= 0.92", ">= 0.97"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.CompactKey.Length == 0 || b.CompactKey.Length == 0) return IComparisonFeature.NotComparable;
        var s = JaroWinkler.Similarity(a.CompactKey, b.CompactKey);
        return s >= 0.97 ? 3 : s >= 0.92 ? 2 : s >= 0.85 ? 1 : 0;
    }
}
