namespace Names.Resolver.Comparison;

/// <summary>
/// Persons: the given names alone: equal, similar (typo: THOMZS / THOMAS), compatible (initial, short form or nickname:
/// J / JOHN, WILL / WILLIAM, JOHN / JOHN PAUL, GUS / AUGUSTUS), or different (which for unlisted nicknames still happens
/// among matches: EM learns how often). Equal frequent names (JOHN) are their own level. Not comparable when either side has none.
/// </summary>
public sealed class GivenNameFeature : IComparisonFeature
{
    public string Name => "given_name";
    public IReadOnlyList<string> Levels { get; } = ["different", "initial, short form or nickname", "jaro-winkler >= 0.88", "equal, frequent name", "equal"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (PersonNameParts.LoneWordIsOthersFamily(a, b) || PersonNameParts.LoneWordIsOthersFamily(b, a)) return IComparisonFeature.NotComparable;
        var ga = PersonNameParts.Given(a);
        var gb = PersonNameParts.Given(b);
        if (ga.Length == 0 || gb.Length == 0) return IComparisonFeature.NotComparable;
        if (ga.AsSpan().SequenceEqual(gb)) return PersonNameParts.Frequent(ga[0], statistics) ? 3 : 4;
        if (ga[0].Length > 1 && gb[0].Length > 1 && JaroWinkler.Similarity(ga[0], gb[0]) >= 0.88) return 2;
        return PersonNameFeature.GivenCompatible(ga, gb) ? 1 : 0;
    }
}
