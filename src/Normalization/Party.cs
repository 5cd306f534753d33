namespace Names.Normalization;

/// <summary>
/// R23: one cleaned party. Display fields are for people; keys (<see cref="NameKey"/>, <see cref="CompactKey"/>,
/// <see cref="AltKey"/>) are for matching only. Empty strings, never null, for absent parts.
/// </summary>
public sealed record Party
{
    /// <summary>The name field verbatim, as given (R1).</summary>
    public required string RawName { get; init; }
    /// <summary>R1: source reference of the record, as given in <see cref="NameInput.SourceRef"/>.</summary>
    public string SourceRef { get; init; } = "";
    /// <summary>1, 2, ... when several parties share one field (R15).</summary>
    public int PartySeq { get; init; } = 1;
    public required string DisplayName { get; init; }
    public EntityKind Kind { get; init; }
    /// <summary>company, university, government, hospital, institute (legal entities only) or empty.</summary>
    public string EntitySubtype { get; init; } = "";
    /// <summary>Upper-case tokens separated by one space; for persons FAMILY GIVEN.</summary>
    public required string NameKey { get; init; }
    /// <summary>NameKey without spaces and punctuation.</summary>
    public required string CompactKey { get; init; }
    /// <summary>R7 alternative key (German transcriptions UE/OE/AE folded), empty when equal to CompactKey.</summary>
    public string AltKey { get; init; } = "";
    /// <summary>
    /// R24: the language-free form of an organisation's key: generic words as concepts (#UNIVERSITY), function words
    /// left out, place names folded, words sorted ("#UNIVERSITY AZORES"). Empty for persons.
    /// </summary>
    public string ConceptKey { get; init; } = "";
    /// <summary>R24: an organisation's key with romanisation variants folded (YANDEKS -> YANDEX, SAMSEONG -> SAMSUNG, SHI
    /// -> SI), for comparison; empty when equal to <see cref="NameKey"/> and for persons.</summary>
    public string FoldedKey { get; init; } = "";
    /// <summary>R25: acronyms the field gives for the organisation (in parentheses, or the field alone), separated by one
    /// space: aliases of the name, never keys.</summary>
    public string Acronyms { get; init; } = "";
    /// <summary>R25: initials of the organisation's words, function words and legal forms skipped (UNIVERSITY OF THE AZORES -> UA).</summary>
    public string Initials { get; init; } = "";
    public string LegalForm { get; init; } = "";
    public string ElfCode { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string GivenNames { get; init; } = "";
    public string Titles { get; init; } = "";
    public string Suffix { get; init; } = "";
    public string OrgUnit { get; init; } = "";
    public string RolePrefix { get; init; } = "";
    public string CareOf { get; init; } = "";
    public string TradeName { get; init; } = "";
    public string Incorporation { get; init; } = "";
    /// <summary>R14: "AS REPRESENTED BY ..." / "ON BEHALF OF ..." fragment.</summary>
    public string Representation { get; init; } = "";
    /// <summary>R14: address fragment found in the name field (city, street, post code).</summary>
    public string Address { get; init; } = "";
    /// <summary>R20: the city named in the field's address ("Ann Arbor"), empty when none.</summary>
    public string City { get; init; } = "";
    /// <summary>R20: the country the field's address names (upper-case alpha-2; "MI" gives US), empty when none.</summary>
    public string AddressCountry { get; init; } = "";
    /// <summary>R8: romanised form for non-Latin input, empty for Latin input.</summary>
    public string RomanizedName { get; init; } = "";
    /// <summary>Country the record came with (upper-case alpha-2) or empty.</summary>
    public string Country { get; init; } = "";
    /// <summary>Rule ids that fired, in pipeline order (R1 ... R23).</summary>
    public IReadOnlyList<string> Rules { get; init; } = Array.Empty<string>();
    /// <summary>Why the party is unusable (empty/garbage input), empty otherwise.</summary>
    public string Problem { get; init; } = "";
    public string RulesetVersion { get; init; } = NameNormalizer.RulesetVersion;

    /// <summary>Tokens of the name key (computed, not stored).</summary>
    public string[] KeyTokens => NameKey.Length == 0 ? Array.Empty<string>() : NameKey.Split(' ');
}
