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
        if (Missing(a.Tokens[0], b) || Missing(b.Tokens[0], a)) return true;
        var (shorter, longer) = a.Tokens.Length <= b.Tokens.Length ? (a, b) : (b, a);
        return !EveryWordPaired(shorter.Tokens, longer.Tokens);
    }

    /// <summary>
    /// One-to-one: each word of the shorter name takes its own counterpart (exact ones first), so S SMITH / SMITH M
    /// does not pass by reading SMITH twice.
    /// </summary>
    private static bool EveryWordPaired(string[] shorter, string[] longer)
    {
        Span<bool> used = stackalloc bool[Math.Min(longer.Length, 32)];
        Span<bool> paired = stackalloc bool[Math.Min(shorter.Length, 32)];
        for (int i = 0; i < paired.Length; i++)
        {
            int j = Array.IndexOf(longer, shorter[i]);
            if (j >= 0 && j < used.Length && !used[j]) { used[j] = true; paired[i] = true; }
        }
        for (int i = 0; i < paired.Length; i++)
        {
            if (paired[i]) continue;
            int found = -1;
            for (int j = 0; j < used.Length && found < 0; j++)
                if (!used[j] && Counterpart(shorter[i], longer[j])) found = j;
            if (found < 0) return false;
            used[found] = true;
        }
        return true;
    }

    private static bool Counterpart(string word, string t) =>
        t == word
        || ((t.Length == 1 || word.Length == 1) && t[0] == word[0])
        || (t.Length >= 4 && word.Length >= 4 && JaroWinkler.Similarity(t, word) >= 0.9)
        || (t.Length >= 3 && word.Length >= 3 && (t.Contains(word, StringComparison.Ordinal) || word.Contains(t, StringComparison.Ordinal)));

    private static bool Missing(string word, NameRecord other)
    {
        if (word.Length < 2) return false; // a family name of one letter says too little
        foreach (var t in other.Tokens)
            if (Counterpart(word, t)) return false;
        return true;
    }
}
