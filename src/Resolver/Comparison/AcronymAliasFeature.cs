namespace Names.Resolver.Comparison;

/// <summary>
/// One name is an acronym of the other, through the normaliser's R25: an acronym the field gave ("(UAc)", or a field
/// that is only an acronym) equal to the other name's acronym or to the initials of its words (function words and
/// legal forms skipped, in any of the languages of the stop-word list). An acronym is evidence only within one
/// country: across countries or without countries the pair is not compared. The level says "acronym of the other",
/// never "same name": the name-similarity levels of such a pair stay low, so the acronym alone does not reach the
/// auto-link threshold.
/// </summary>
public sealed class AcronymAliasFeature : IComparisonFeature
{
    public string Name => "acronym_alias";
    public IReadOnlyList<string> Levels { get; } = ["acronym differs", "acronym matches the other's initials", "same acronym given"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.Forms.Acronyms.Length == 0 && b.Forms.Acronyms.Length == 0) return IComparisonFeature.NotComparable;
        if (a.Country.Length == 0 || a.Country != b.Country) return IComparisonFeature.NotComparable;
        if (SharesAcronym(a, b)) return 2;
        if (MatchesInitials(a, b) || MatchesInitials(b, a)) return 1;
        return 0;
    }

    private static bool SharesAcronym(NameRecord a, NameRecord b)
    {
        if (a.Forms.Acronyms.Length == 0 || b.Forms.Acronyms.Length == 0) return false;
        foreach (var x in a.Forms.Acronyms.Split(' '))
            if (Array.IndexOf(b.Forms.Acronyms.Split(' '), x) >= 0) return true;
        return false;
    }

    private static bool MatchesInitials(NameRecord withAcronym, NameRecord other)
    {
        if (withAcronym.Forms.Acronyms.Length == 0) return false;
        foreach (var x in withAcronym.Forms.Acronyms.Split(' '))
        {
            if (other.Forms.Initials.Length >= 2 && (x == other.Forms.Initials || IsLooseInitials(x, other.Forms.Initials))) return true;
        }
        return false;
    }

    /// <summary>UAC for "Universidade dos Açores" (UA): the acronym starts with all the initials and adds at most one
    /// letter (a second letter of the last word, as acronyms often take).</summary>
    private static bool IsLooseInitials(string acronym, string initials) =>
        acronym.Length == initials.Length + 1 && acronym.StartsWith(initials, StringComparison.Ordinal);
}
