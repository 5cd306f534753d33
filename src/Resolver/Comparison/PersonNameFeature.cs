using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// Persons: family names equal and given names compatible (JOHN ~ J, JOHN PAUL ~ JOHN), family equal but given names
/// conflicting, family names close (typo), or different. Only judged when both are persons with a family name.
/// </summary>
public sealed class PersonNameFeature : IComparisonFeature
{
    public string Name => "person_name";
    public IReadOnlyList<string> Levels { get; } = ["family names differ", "family close, given conflict", "family equal, given conflict", "family close, given compatible", "family equal, given compatible", "family and given equal"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.Kind != EntityKind.Person || b.Kind != EntityKind.Person) return IComparisonFeature.NotComparable;
        var (fa, ga) = Split(a);
        var (fb, gb) = Split(b);
        if (fa.Length == 0 || fb.Length == 0) return IComparisonFeature.NotComparable;
        bool familyEqual = fa == fb;
        bool familyClose = familyEqual || JaroWinkler.Similarity(fa, fb) >= 0.88;
        if (!familyClose) return 0;
        bool givenEqual = ga.Length > 0 && ga.AsSpan().SequenceEqual(gb);
        if (familyEqual && givenEqual) return 5;
        bool compatible = GivenCompatible(ga, gb);
        if (familyEqual) return compatible ? 4 : 2;
        return compatible ? 3 : 1;
    }

    private static (string Family, string[] Given) Split(NameRecord r)
    {
        if (r.FamilyName.Length > 0)
            return (Compact(r.FamilyName), r.GivenNames.ToUpperInvariant().Split([' ', '-', '.'], StringSplitOptions.RemoveEmptyEntries));
        // No parsed parts: NameKey is FAMILY GIVEN... for persons (R23).
        return r.Tokens.Length == 0 ? ("", []) : (r.Tokens[0], r.Tokens[1..]);
    }

    private static string Compact(string s) => new(s.ToUpperInvariant().Where(char.IsLetterOrDigit).ToArray());

    /// <summary>
    /// Typo, short form or nickname of the same given name (THOMZS / THOMAS, WILL / WILLIAM, JON / JOHN, BILL / WILLIAM:
    /// <see cref="GivenNameVariants"/>); MARY / JOHN stay a conflict. Context (dates, places) is what separates the remaining look-alikes.
    /// </summary>
    private static bool Similar(string s, string l)
    {
        if (GivenNameVariants.Default.AreVariants(s, l)) return true;
        if (s.Length < 3 || l.Length < 3) return false;
        var (shorter, longer) = s.Length <= l.Length ? (s, l) : (l, s);
        if (longer.StartsWith(shorter, StringComparison.Ordinal)) return true;
        return JaroWinkler.Similarity(s, l) >= 0.88;
    }

    /// <summary>Every given name of the shorter list matches one of the longer list, in full, as an initial, or as a typo / short form.</summary>
    public static bool GivenCompatible(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0) return true;
        var (shortList, longList) = a.Length <= b.Length ? (a, b) : (b, a);
        int from = 0;
        foreach (var s in shortList)
        {
            int found = -1;
            for (int i = from; i < longList.Length; i++)
            {
                var l = longList[i];
                if (s == l || (s.Length == 1 && l[0] == s[0]) || (l.Length == 1 && s[0] == l[0]) || Similar(s, l)) { found = i; break; }
            }
            if (found < 0) return false;
            from = found + 1;
        }
        return true;
    }
}
