namespace Names.Resolver.Comparison;

/// <summary>
/// Whether each name's most distinctive (highest-weight) token appears in the other, exactly or with a typo:
/// UNIVERSITY OF MICHIGAN / UNIVERSITY OF MANCHESTER miss both ways (conflict) although most of the string agrees.
/// </summary>
public sealed class DistinctiveTokenFeature : IComparisonFeature
{
    public string Name => "distinctive_token";
    public IReadOnlyList<string> Levels { get; } = ["neither name's rarest word in the other", "one name's rarest word in the other", "both rarest words shared"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.Tokens.Length == 0 || b.Tokens.Length == 0) return IComparisonFeature.NotComparable;
        if (a.Tokens.Length == 1 && b.Tokens.Length == 1) return IComparisonFeature.NotComparable; // the name ladder judges those
        int found = (Contains(b, Rarest(a, statistics)) ? 1 : 0) + (Contains(a, Rarest(b, statistics)) ? 1 : 0);
        return found;
    }

    private static string Rarest(NameRecord r, TokenStatistics statistics)
    {
        string best = r.DistinctTokens[0];
        double weight = statistics.Weight(best);
        foreach (var t in r.DistinctTokens)
        {
            var w = statistics.Weight(t);
            if (w > weight || (w == weight && string.CompareOrdinal(t, best) < 0)) { best = t; weight = w; }
        }
        return best;
    }

    private static bool Contains(NameRecord r, string token)
    {
        foreach (var t in r.DistinctTokens)
            if (t == token || (t.Length >= 5 && token.Length >= 5 && JaroWinkler.Similarity(t, token) >= 0.9)) return true;
        // Glued words: the token inside the other's compact key (NVPHILIPS contains PHILIPS).
        return token.Length >= 4 && r.CompactKey.Contains(token, StringComparison.Ordinal);
    }
}
