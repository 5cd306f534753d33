namespace Names.Resolver.Comparison;

/// <summary>Compact keys equal (after normalisation), or equal through the alternative (transcription-folded) key.</summary>
public sealed class ExactKeyFeature : IComparisonFeature
{
    public string Name => "exact_key";
    public IReadOnlyList<string> Levels { get; } = ["different", "alternative key equal", "compact key equal"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.CompactKey.Length == 0 || b.CompactKey.Length == 0) return IComparisonFeature.NotComparable;
        if (a.CompactKey == b.CompactKey) return 2;
        var aAlt = a.AltKey.Length > 0 ? a.AltKey : a.CompactKey;
        var bAlt = b.AltKey.Length > 0 ? b.AltKey : b.CompactKey;
        if (aAlt == bAlt || (a.RomanizedName.Length > 0 && a.RomanizedName == b.RomanizedName)) return 1;
        return 0;
    }
}
