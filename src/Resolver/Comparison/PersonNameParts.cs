using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// The family name and given names of a person record, from the parsed parts when present, else from the name key
/// (FAMILY GIVEN... for persons, R23). A lone token without parts is ambiguous (given or family name) and yields neither.
/// </summary>
internal static class PersonNameParts
{
    public static string Family(NameRecord r)
    {
        if (r.Kind != EntityKind.Person) return "";
        if (r.FamilyName.Length > 0) return Compact(r.FamilyName);
        if (r.GivenNames.Length > 0) return "";
        return r.Tokens.Length >= 2 ? r.Tokens[0] : "";
    }

    public static string[] Given(NameRecord r)
    {
        if (r.Kind != EntityKind.Person) return [];
        if (r.GivenNames.Length > 0) return r.GivenNames.ToUpperInvariant().Split([' ', '-', '.', ','], StringSplitOptions.RemoveEmptyEntries);
        if (r.FamilyName.Length > 0) return [];
        return r.Tokens.Length >= 2 ? r.Tokens[1..] : [];
    }

    public static string[] FamilyWords(NameRecord r) =>
        r.FamilyName.Length > 0 ? r.FamilyName.ToUpperInvariant().Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries) : [Family(r)];

    /// <summary>Share of names carrying the word above which an equal name is weaker evidence (1 in 1,000).</summary>
    public const double FrequentShare = 0.001;

    public static bool Frequent(string word, TokenStatistics statistics) =>
        statistics.Documents > 0 && statistics.DocumentFrequency(word) > FrequentShare * statistics.Documents;

    private static string Compact(string s) => new(s.ToUpperInvariant().Where(char.IsLetterOrDigit).ToArray());
}
