using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// Two persons whose family names clearly differ are different people however alike their given names are
/// (WANG JIANHUA / ZHAO JIANHUA, MOORE JAMES / ANDERSON JAMES). The family name is the first word of the name key
/// (R23 orders persons FAMILY GIVEN, romanised for other scripts); it conflicts when the other name has no counterpart
/// for it anywhere (so swapped orders JOHNSON WILLIAM / WILLIAM JOHNSON still agree): not the word, not a typo of it
/// (Jaro-Winkler >= 0.9), not a word containing it or contained in it (DMOORE / MOORE), not its initial.
/// </summary>
public static class FamilyNameConflict
{
    public static bool Between(NameRecord a, NameRecord b)
    {
        if (a.Kind != EntityKind.Person || b.Kind != EntityKind.Person) return false;
        if (a.Tokens.Length < 2 || b.Tokens.Length < 2) return false;
        return Missing(a.Tokens[0], b) || Missing(b.Tokens[0], a);
    }

    private static bool Missing(string family, NameRecord other)
    {
        if (family.Length < 2) return false; // an initial says too little
        foreach (var t in other.Tokens)
        {
            if (t == family) return false;
            if (t.Length == 1 && t[0] == family[0]) return false;
            if (t.Length >= 4 && family.Length >= 4 && JaroWinkler.Similarity(t, family) >= 0.9) return false;
            if (t.Length >= 3 && family.Length >= 3 && (t.Contains(family, StringComparison.Ordinal) || family.Contains(t, StringComparison.Ordinal))) return false;
        }
        return true;
    }
}
