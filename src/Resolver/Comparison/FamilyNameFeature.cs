namespace Names.Resolver.Comparison;

/// <summary>
/// Persons: the family names alone (Splink style, separate from the given names so that EM weighs each): equal,
/// similar (typo), sharing a word (BOOTH / BOOTH CLIBBORN), or different. Equal frequent names (SMITH) are their own
/// level, as Splink's term-frequency adjustment does: they say less than an equal KENEALY. Not comparable when either side has none.
/// </summary>
public sealed class FamilyNameFeature : IComparisonFeature
{
    public string Name => "family_name";
    public IReadOnlyList<string> Levels { get; } = ["different", "share a word", "jaro-winkler >= 0.88", "equal, frequent name", "equal"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        var fa = PersonNameParts.Family(a);
        var fb = PersonNameParts.Family(b);
        if (PersonNameParts.LoneWordIsOthersFamily(a, b)) fa = PersonNameParts.Given(a)[0];
        else if (PersonNameParts.LoneWordIsOthersFamily(b, a)) fb = PersonNameParts.Given(b)[0];
        if (fa.Length == 0 || fb.Length == 0) return IComparisonFeature.NotComparable;
        if (fa == fb) return PersonNameParts.Frequent(fa, statistics) ? 3 : 4;
        if (JaroWinkler.Similarity(fa, fb) >= 0.88) return 2;
        var wa = PersonNameParts.FamilyWords(a);
        var wb = PersonNameParts.FamilyWords(b);
        foreach (var w in wa)
            if (w.Length >= 3 && wb.Contains(w)) return 1;
        return 0;
    }
}
