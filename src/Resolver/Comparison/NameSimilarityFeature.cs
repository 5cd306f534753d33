namespace Names.Resolver.Comparison;

/// <summary>
/// Splink-style ladder over the whole name, first level that holds wins: compact keys equal, alternative/romanised
/// keys equal, Jaro-Winkler >= 0.97 (typo), same words reordered, fuzzy close (token sort / Jaro-Winkler), else. One
/// feature instead of several correlated ratios keeps Fellegi-Sunter from counting the same evidence twice.
/// </summary>
public sealed class NameSimilarityFeature : IComparisonFeature
{
    private readonly ExactKeyFeature _exact = new();

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
        // Token sort, not token set: token set scores 100 whenever one name's words are a subset of the other's
        // (DOW CHEMICAL / AIR PRODUCTS AND CHEMICAL), which is the rare-token feature's job to judge.
        var sort = IndelRatio.Ratio(a.SortedKey, b.SortedKey);
        if (sort >= 98) return 3;
        if (sort >= 90 && jw >= 0.90) return 2;
        if (sort >= 80 || jw >= 0.90) return 1;
        return 0;
    }
}
