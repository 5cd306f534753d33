using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// Organisations: the countries their names mention (<see cref="CountryNames"/>). A national subsidiary or branch is
/// another legal entity (BANCO SANTANDER / BANCO SANTANDER MEXICO, BOWNE GLOBAL SOLUTIONS DENMARK / FRANCE), and a
/// different country in otherwise equal names is a different body (GOVERNMENT OF ESTONIA / ETHIOPIA). Levels: each
/// names a country the other lacks, one name adds a country, the same countries. Not comparable when neither names one.
/// </summary>
public sealed class CountryMentionFeature : IComparisonFeature
{
    public string Name => "country_mention";
    public IReadOnlyList<string> Levels { get; } = ["different countries named", "one name adds a country", "same countries named"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.Kind == EntityKind.Person || b.Kind == EntityKind.Person) return IComparisonFeature.NotComparable;
        var ca = CountryNames.Default.Mentioned(a.Tokens);
        var cb = CountryNames.Default.Mentioned(b.Tokens);
        if (ca.Length == 0 && cb.Length == 0) return IComparisonFeature.NotComparable;
        bool extraA = ca.Any(c => Array.IndexOf(cb, c) < 0), extraB = cb.Any(c => Array.IndexOf(ca, c) < 0);
        return (extraA, extraB) switch
        {
            (true, true) => 0,
            (false, false) => 2,
            _ => 1,
        };
    }
}
