using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// The normaliser's other forms of one name, compared by <see cref="ConceptKeyFeature"/>,
/// <see cref="RomanisationVariantFeature"/> and <see cref="AcronymAliasFeature"/>: the concept key ("#UNIVERSITY
/// AZORES"), the folded key (romanisation variants folded; empty when equal to the name key), the acronyms the field
/// gave (space-separated) and the initials of the name's words. Also, for an organisation whose field held more than
/// its name (R15: several parties; R20: units and an address), the whole field (<see cref="Field"/>), which the
/// candidate index searches too: a unit or a fragment read as the name still meets its parent's other names.
/// </summary>
public sealed record NameForms(string ConceptKey, string FoldedKey, string Acronyms, string Initials, string Field = "")
{
    public static NameForms None { get; } = new("", "", "", "");

    public static NameForms FromParty(Party party)
    {
        var field = party.Kind != EntityKind.Person && party.Rules.Any(r => r is "R15" or "R20") ? party.RawName : "";
        return party.ConceptKey.Length == 0 && party.FoldedKey.Length == 0 && party.Acronyms.Length == 0 && party.Initials.Length == 0 && field.Length == 0
            ? None
            : new NameForms(party.ConceptKey, party.FoldedKey, party.Acronyms, party.Initials, field);
    }

    private string[]? _concepts;
    /// <summary>Words of the concept key, computed once.</summary>
    public string[] ConceptWords => _concepts ??= ConceptKey.Length == 0 ? [] : ConceptKey.Split(' ');
}
