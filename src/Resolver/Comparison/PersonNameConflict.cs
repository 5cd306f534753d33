using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// Two persons whose names clearly differ are different people however much else agrees. Judged on the name-key words
/// (R23 orders persons FAMILY GIVEN, romanised for other scripts), so swapped orders JOHNSON WILLIAM / WILLIAM JOHNSON
/// still agree:
/// - the family name (first word) of either has no counterpart anywhere in the other (WANG JIANHUA / ZHAO JIANHUA,
///   MOORE JAMES / ANDERSON JAMES);
/// - a word of the shorter name has no counterpart in the longer one (ZHANG WEI / ZHANG JIE, JONES MARY / JONES S).
/// A counterpart is the word itself, a typo of it (Jaro-Winkler >= 0.9), a word containing it or contained in it
/// (DMOORE / MOORE, KARLHEINZ / KARL), or its initial (M / MARY).
/// </summary>
public static class PersonNameConflict
{
    public static bool Between(NameRecord a, NameRecord b)
    {
        if (a.Kind != EntityKind.Person || b.Kind != EntityKind.Person) return false;
        if (a.Tokens.Length < 2 || b.Tokens.Length < 2) return false;
        if (Missing(a.Tokens[0], b, initialCounts: false) || Missing(b.Tokens[0], a, initialCounts: false)) return true;
        var (shorter, longer) = a.Tokens.Length <= b.Tokens.Length ? (a, b) : (b, a);
        foreach (var t in shorter.Tokens)
            if (Missing(t, longer, initialCounts: true)) return true;
        return false;
    }

    private static bool Missing(string word, NameRecord other, bool initialCounts)
    {
        if (word.Length < 2 && !initialCounts) return false; // a family name of one letter says too little
        foreach (var t in other.Tokens)
        {
            if (t == word) return false;
            if ((t.Length == 1 || word.Length == 1) && t[0] == word[0]) return false;
            if (t.Length >= 4 && word.Length >= 4 && JaroWinkler.Similarity(t, word) >= 0.9) return false;
            if (t.Length >= 3 && word.Length >= 3 && (t.Contains(word, StringComparison.Ordinal) || word.Contains(t, StringComparison.Ordinal))) return false;
        }
        return true;
    }
}
