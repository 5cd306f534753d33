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
/// (DMOORE / MOORE, KARLHEINZ / KARL), its initial (M / MARY), or a nickname of it (BILL / WILLIAM).
/// </summary>
public static class PersonNameConflict
{
    public static bool Between(NameRecord a, NameRecord b)
    {
        if (a.Kind != EntityKind.Person || b.Kind != EntityKind.Person) return false;
        if (a.Tokens.Length < 2 || b.Tokens.Length < 2 || a.CompactKey == b.CompactKey) return false;
        // Romanised from another script (I HYEONU / IM HYEONU, JITIAN / JITIANSAKURA): one-letter family names are real
        // names and a longer or similar word is another word, so words must be equal.
        bool exact = a.RomanizedName.Length > 0 || b.RomanizedName.Length > 0;
        if (Missing(a.Tokens[0], b, exact) || Missing(b.Tokens[0], a, exact)) return true;
        var (shorter, longer) = a.Tokens.Length <= b.Tokens.Length ? (a, b) : (b, a);
        return !EveryWordPaired(shorter.Tokens, longer.Tokens, exact);
    }

    /// <summary>
    /// One-to-one: each word of the shorter name takes its own counterpart (exact ones first), so S SMITH / SMITH M
    /// does not pass by reading SMITH twice.
    /// </summary>
    private static bool EveryWordPaired(string[] shorter, string[] longer, bool exact)
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
                if (!used[j] && Counterpart(shorter[i], longer[j], exact)) found = j;
            if (found < 0) return false;
            used[found] = true;
        }
        return true;
    }

    private static bool Counterpart(string word, string t, bool exact) =>
        t == word
        || !exact && (((t.Length == 1 || word.Length == 1) && t[0] == word[0])
            || (t.Length >= 4 && word.Length >= 4 && JaroWinkler.Similarity(t, word) >= 0.9)
            || (t.Length >= 3 && word.Length >= 3 && (t.Contains(word, StringComparison.Ordinal) || word.Contains(t, StringComparison.Ordinal)))
            || GivenNameVariants.Default.AreVariants(word, t));

    private static bool Missing(string word, NameRecord other, bool exact)
    {
        if (word.Length < 2 && !exact) return false; // a Latin family name of one letter is an initial: says too little
        foreach (var t in other.Tokens)
            if (Counterpart(word, t, exact)) return false;
        return true;
    }
}
