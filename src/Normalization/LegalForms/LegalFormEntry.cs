namespace Names.Normalization.LegalForms;

/// <summary>One legal-form designation (as key tokens) merged from the ELF list, the patent-usage list and the DNB list.</summary>
internal sealed class LegalFormEntry
{
    public LegalFormEntry(string[] tokens) => Tokens = tokens;

    public string[] Tokens { get; }
    public string Key => string.Join(' ', Tokens);
    public FormPositions Positions { get; set; } = FormPositions.End;
    /// <summary>Countries whose lists carry the form.</summary>
    public HashSet<string> Countries { get; } = new(StringComparer.Ordinal);
    /// <summary>From the curated patent-usage list: applies whatever the record's country.</summary>
    public bool Curated { get; set; }
    /// <summary>Long enough and not a common word, so usable for records of other or unknown countries.</summary>
    public bool UsableWithoutCountry { get; set; }
    public Dictionary<string, HashSet<string>> ElfCodesByCountry { get; } = new(StringComparer.Ordinal);

    public bool AppliesTo(string country) =>
        Curated || UsableWithoutCountry || (country.Length > 0 && Countries.Contains(country));

    /// <summary>The ELF code when the form is unambiguous for <paramref name="country"/>, else empty.</summary>
    public string ElfCodeFor(string country)
    {
        if (country.Length == 0 || !ElfCodesByCountry.TryGetValue(country, out var codes) || codes.Count != 1) return "";
        foreach (var c in codes) return c;
        return "";
    }
}
