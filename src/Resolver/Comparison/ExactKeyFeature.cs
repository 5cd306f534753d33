namespace Names.Resolver.Comparison;

/// <summary>
/// Compact keys equal (after normalisation), or equal through the alternative (transcription-folded) key, or the same
/// letters with words glued in another order (reordered separate words are <see cref="NameSimilarityFeature"/>'s own level).
/// </summary>
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
        return SameLettersReordered(a, b) || SameLettersReordered(b, a) ? 1 : 0;
    }

    /// <summary>
    /// The compact key of <paramref name="glued"/> spells the words of <paramref name="spaced"/> in another order
    /// (SERGEILAVROV / LAVROV SERGEI: words glued in the order written, while a person's key puts the family name first).
    /// </summary>
    private static bool SameLettersReordered(NameRecord glued, NameRecord spaced)
    {
        var tokens = spaced.Tokens;
        if (tokens.Length is < 2 or > 4 || glued.Tokens.Length >= tokens.Length || glued.CompactKey.Length != spaced.CompactKey.Length) return false;
        return Spells(glued.CompactKey, 0, tokens, 0);
    }

    private static bool Spells(string key, int at, string[] tokens, int usedMask)
    {
        if (at == key.Length) return usedMask == (1 << tokens.Length) - 1;
        for (int i = 0; i < tokens.Length; i++)
            if ((usedMask & (1 << i)) == 0 && string.CompareOrdinal(key, at, tokens[i], 0, tokens[i].Length) == 0
                && Spells(key, at + tokens[i].Length, tokens, usedMask | (1 << i))) return true;
        return false;
    }
}
