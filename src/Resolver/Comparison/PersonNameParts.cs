using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// The family name and given names of a person record, from the parsed parts when present, else from the name key
/// (FAMILY GIVEN... for persons, R23). A lone token without parts is ambiguous (given or family name) and yields neither.
/// Title words and numbers (SIR, BARONET, 1ST: <see cref="PersonTitleWords"/>) are left out: they do not identify anyone.
/// </summary>
internal static class PersonNameParts
{
    public static string Family(NameRecord r)
    {
        if (r.Kind != EntityKind.Person) return "";
        if (r.FamilyName.Length > 0) return Compact(string.Concat(NameWords(r.FamilyName)));
        if (r.GivenNames.Length > 0) return "";
        var tokens = NameTokens(r);
        return tokens.Length >= 2 ? tokens[0] : "";
    }

    public static string[] Given(NameRecord r)
    {
        if (r.Kind != EntityKind.Person) return [];
        if (r.GivenNames.Length > 0) return NameWords(r.GivenNames, [' ', '-', '.', ',']);
        if (r.FamilyName.Length > 0) return [];
        var tokens = NameTokens(r);
        return tokens.Length >= 2 ? tokens[1..] : [];
    }

    public static string[] FamilyWords(NameRecord r) =>
        r.FamilyName.Length > 0 ? NameWords(r.FamilyName) : [Family(r)];

    /// <summary>Upper-case words of a name part without title words and numbers (<see cref="PersonTitleWords"/>).</summary>
    private static string[] NameWords(string part, char[]? separators = null)
    {
        var words = part.ToUpperInvariant().Split(separators ?? [' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries);
        var titles = PersonTitleWords.Default;
        foreach (var w in words)
            if (titles.IsTitle(w)) return words.Where(x => !titles.IsTitle(x)).ToArray();
        return words;
    }

    /// <summary>The name-key words of a person without title words and numbers (family name first when known).</summary>
    public static string[] Words(NameRecord r) => NameTokens(r);

    private static string[] NameTokens(NameRecord r)
    {
        var titles = PersonTitleWords.Default;
        foreach (var t in r.Tokens)
            if (titles.IsTitle(t)) return r.Tokens.Where(x => !titles.IsTitle(x)).ToArray();
        return r.Tokens;
    }

    /// <summary>
    /// The lone given name of a record without a family name (a single word, often a family name typed in the given-name
    /// column: KENEALY) when it equals or nearly equals the other record's family name; such a word is compared as the
    /// family name and not as a given name.
    /// </summary>
    public static bool LoneWordIsOthersFamily(NameRecord lone, NameRecord other)
    {
        if (Family(lone).Length > 0) return false;
        var given = Given(lone);
        if (given.Length != 1) return false;
        var family = Family(other);
        return family.Length > 0 && (given[0] == family || JaroWinkler.Similarity(given[0], family) >= 0.88);
    }

    /// <summary>Share of names carrying the word above which an equal name is weaker evidence (1 in 1,000).</summary>
    public const double FrequentShare = 0.001;

    /// <summary>
    /// The share is judged over at least this many names: early in a run (a few hundred names seen) a name carried by
    /// two or three variants of one person is not frequent. The model's estimation sees all names at once.
    /// </summary>
    public const int MinNamesForFrequency = 10000;

    public static bool Frequent(string word, TokenStatistics statistics) =>
        statistics.Documents > 0 && statistics.DocumentFrequency(word) > FrequentShare * Math.Max(statistics.Documents, MinNamesForFrequency);

    private static string Compact(string s) => new(s.ToUpperInvariant().Where(char.IsLetterOrDigit).ToArray());
}
