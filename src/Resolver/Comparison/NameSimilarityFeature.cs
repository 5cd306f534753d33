namespace Names.Resolver.Comparison;

/// <summary>
/// Splink-style ladder over the whole name, first level that holds wins: compact keys equal, alternative/romanised
/// keys equal, Jaro-Winkler >= 0.97 (typo), same words reordered, fuzzy close (token sort / Jaro-Winkler), else. One
/// feature instead of several correlated ratios keeps Fellegi-Sunter from counting the same evidence twice.
/// </summary>
public sealed class NameSimilarityFeature : IComparisonFeature
{
    private readonly ExactKeyFeature _exact = new();

    /// <summary>Sorted tokens of each name that the other name lacks, joined without spaces.</summary>
    private static (string A, string B) Residuals(NameRecord a, NameRecord b)
    {
        var ra = a.DistinctTokens.Where(t => Array.IndexOf(b.DistinctTokens, t) < 0).Order(StringComparer.Ordinal);
        var rb = b.DistinctTokens.Where(t => Array.IndexOf(a.DistinctTokens, t) < 0).Order(StringComparer.Ordinal);
        return (string.Concat(ra), string.Concat(rb));
    }

    public string Name => "name_similarity";
    public IReadOnlyList<string> Levels { get; } =
        ["dissimilar", "token sort >= 80 or jaro-winkler >= 0.90", "token sort >= 90 and jaro-winkler >= 0.90", "same words reordered", "jaro-winkler >= 0.97", "alternative key equal", "compact key equal"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        var exact = _exact.Compare(a, b, statistics);
        if (exact < 0) return IComparisonFeature.NotComparable;
        if (exact == 2) return 6;
        if (exact == 1) return 5;
        var jw = JaroWinkler.Similarity(a.CompactKey, b.CompactKey);
        if (jw >= 0.97) return 4;
        var sort = IndelRatio.Ratio(a.SortedKey, b.SortedKey);
        if (sort >= 98) return 3;
        // Fuzzy levels judge the words the names do not share: UNIVERSITY OF MICHIGAN / UNIVERSITY OF MANCHESTER agree
        // on most characters, but MICHIGAN / MANCHESTER is what tells them apart (SHELL / SHEEL is a typo).
        var (restA, restB) = Residuals(a, b);
        if (restA.Length > 0 && restB.Length > 0)
        {
            jw = JaroWinkler.Similarity(restA, restB);
            sort = IndelRatio.Ratio(restA, restB);
        }
        if (sort >= 90 && jw >= 0.90) return 2;
        if (sort >= 80 || jw >= 0.90) return 1;
        return 0;
    }
}
