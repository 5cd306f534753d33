using FuzzySharp;

namespace Names.Resolver.Comparison;

/// <summary>A FuzzySharp ratio (0-100) on the name keys, bucketed by thresholds (highest first).</summary>
public sealed class FuzzyRatioFeature : IComparisonFeature
{
    private readonly Func<string, string, int> _ratio;
    private readonly int[] _thresholds;

    private FuzzyRatioFeature(string name, Func<string, string, int> ratio, int[] thresholds)
    {
        Name = name;
        _ratio = ratio;
        _thresholds = thresholds;
        var labels = new List<string> { $"< {thresholds[^1]}" };
        for (int i = thresholds.Length - 1; i >= 0; i--) labels.Add($">= {thresholds[i]}");
        Levels = labels;
    }

    public static FuzzyRatioFeature TokenSet() => new("token_set_ratio", (a, b) => Fuzz.TokenSetRatio(a, b), [95, 88, 75]);
    public static FuzzyRatioFeature TokenSort() => new("token_sort_ratio", (a, b) => Fuzz.TokenSortRatio(a, b), [95, 85, 70]);
    public static FuzzyRatioFeature Partial() => new("partial_ratio", (a, b) => Fuzz.PartialRatio(a, b), [95, 85]);

    public string Name { get; }
    public IReadOnlyList<string> Levels { get; }

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.NameKey.Length == 0 || b.NameKey.Length == 0) return IComparisonFeature.NotComparable;
        var score = _ratio(a.NameKey, b.NameKey);
        for (int i = 0; i < _thresholds.Length; i++)
            if (score >= _thresholds[i]) return _thresholds.Length - i;
        return 0;
    }
}
