using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// The normaliser's other forms of one name, compared by <see cref="ConceptKeyFeature"/>,
/// <see cref="RomanisationVariantFeature"/> and <see cref="AcronymAliasFeature"/>: the concept key ("#UNIVERSITY
/// AZORES"), the folded key (romanisation variants folded; empty when equal to the name key), the acronyms the field
/// gave (space-separated) and the initials of the name's words.
/// </summary>
public sealed record NameForms(string ConceptKey, string FoldedKey, string Acronyms, string Initials)
{
    public static NameForms None { get; } = new("", "", "", "");

    public static NameForms FromParty(Party party) =>
        party.ConceptKey.Length == 0 && party.FoldedKey.Length == 0 && party.Acronyms.Length == 0 && party.Initials.Length == 0
            ? None
            : new NameForms(party.ConceptKey, party.FoldedKey, party.Acronyms, party.Initials);

    private string[]? _concepts;
    /// <summary>Words of the concept key, computed once.</summary>
    public string[] ConceptWords => _concepts ??= ConceptKey.Length == 0 ? [] : ConceptKey.Split(' ');
}
