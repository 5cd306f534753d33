using Names.Normalization;

namespace Names.Resolver.Evaluation;

/// <summary>
/// The parts of a labelled set that evaluations report apart, by what the normaliser made of each name: names in
/// Latin script, names romanised from another script, and fields that are an acronym alone (R25), which a name
/// comparison can rarely tell apart on their own. Latin words and other scripts exclude the acronyms.
/// </summary>
public enum PartySubset { LatinWords, OtherScripts, Acronyms }

public static class PartySubsets
{
    public static PartySubset Of(Party party) =>
        IsAcronym(party) ? PartySubset.Acronyms : party.RomanizedName.Length == 0 ? PartySubset.LatinWords : PartySubset.OtherScripts;

    /// <summary>The field is one of the acronyms the normaliser found in it, and nothing else (CNRS, UAc).</summary>
    public static bool IsAcronym(Party party)
    {
        if (party.Acronyms.Length == 0 || party.CompactKey.Length == 0) return false;
        foreach (var a in party.Acronyms.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (string.Equals(a, party.CompactKey, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    public static string Label(PartySubset subset) => subset switch
    {
        PartySubset.LatinWords => "Latin script, not acronyms",
        PartySubset.OtherScripts => "other scripts, not acronyms",
        _ => "acronyms",
    };
}
