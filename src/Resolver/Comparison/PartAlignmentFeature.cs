using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// The words of two names paired one to one whatever their order (<see cref="PartAlignment"/>), summed up as one
/// ladder: all equal; all paired with typos or sound-alikes at worst; with an initial or nickname at worst; with a
/// word that starts the other (LIND / LINDEMANN); with a part only similar; extra parts in one name (the rest equal / close / similar); one part conflicting
/// (the rest equal / not); two or more conflicting. One instance for persons (name-key words without title words;
/// Han, Kana and Hangul names compare their own signs, where one different sign is a different syllable), one for
/// organisations (name-key words: legal form already removed by the normaliser).
/// </summary>
public sealed class PartAlignmentFeature : IComparisonFeature
{
    private readonly bool _persons;

    private PartAlignmentFeature(string name, bool persons)
    {
        Name = name;
        _persons = persons;
    }

    public static PartAlignmentFeature Persons() => new("person_parts", true);
    public static PartAlignmentFeature Organisations() => new("organisation_words", false);

    public string Name { get; }

    public IReadOnlyList<string> Levels { get; } =
    [
        "nothing paired or two or more parts conflict", "one part conflicts, others close or extra", "one part conflicts, others equal",
        "extra parts, a part only similar", "extra parts, the rest close", "extra parts, the rest equal",
        "all paired, a part only similar", "all paired, a word is the start of the other", "all paired, an initial or nickname", "all paired, typos or sound-alikes", "all parts equal",
    ];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics) =>
        Align(a, b, _persons) is { } alignment ? Level(alignment) : IComparisonFeature.NotComparable;

    /// <summary>The word alignment of two persons (<paramref name="persons"/>) or two organisations, null when not comparable.</summary>
    public static PartAlignment? Align(NameRecord a, NameRecord b, bool persons)
    {
        bool bothPersons = a.Kind == EntityKind.Person && b.Kind == EntityKind.Person;
        if (bothPersons != persons || (!persons && (a.Kind == EntityKind.Person || b.Kind == EntityKind.Person))) return null;
        if (persons && SyllabicWords(a) is { } wa && SyllabicWords(b) is { } wb) return PartAlignment.Align(wa, wb, syllabic: true);
        var ta = persons ? PersonNameParts.Words(a) : a.TokensWithNumbersRead;
        var tb = persons ? PersonNameParts.Words(b) : b.TokensWithNumbersRead;
        if (ta.Length == 0 || tb.Length == 0) return null;
        return PartAlignment.Align(ta, tb, acrossScripts: a.RomanizedName.Length > 0 != b.RomanizedName.Length > 0, minFuzzyLength: persons ? 2 : OrganisationMinFuzzyLength, acronymNames: !persons);
    }

    /// <summary>Organisation words shorter than this are often acronyms: one letter more or less names another body.</summary>
    public const int OrganisationMinFuzzyLength = 5;

    public static int Level(PartAlignment p)
    {
        if (p.Paired == 0 || p.Conflicts >= 2) return 0;
        if (p.Conflicts == 1) return p.Extra == 0 && p.Weakest == PartAgreement.Equal ? 2 : 1;
        if (p.Extra > 0) return p.Weakest == PartAgreement.Equal ? 5 : p.Weakest >= PartAgreement.Prefix ? 4 : 3;
        return p.Weakest switch
        {
            PartAgreement.Equal => 10,
            >= PartAgreement.Phonetic => 9,
            >= PartAgreement.Initial => 8,
            PartAgreement.Prefix => 7,
            _ => 6,
        };
    }

    /// <summary>A person's own family and given names when written in Han, Kana or Hangul (null otherwise).</summary>
    private static string[]? SyllabicWords(NameRecord r)
    {
        if (r.FamilyName.Length == 0 || !IsSyllabic(r.FamilyName)) return null;
        return (r.FamilyName + " " + r.GivenNames).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool IsSyllabic(string s)
    {
        foreach (var c in s)
            if (c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u3040' and <= '\u30FF') or (>= '\uAC00' and <= '\uD7AF')) return true;
        return false;
    }
}
