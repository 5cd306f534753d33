using Names.Normalization;

namespace Names.Host.Service.Contracts;

/// <summary>A cleaned party as the API shows it (DESIGN.md `clean` columns, camelCase).</summary>
public sealed record PartyView(
    int PartySeq,
    string DisplayName,
    string Kind,
    string Subtype,
    string NameKey,
    string CompactKey,
    string AltKey,
    string LegalForm,
    string ElfCode,
    string FamilyName,
    string GivenNames,
    string RomanizedName,
    string Country,
    IReadOnlyList<string> Rules,
    string? Problem)
{
    public static PartyView From(Party p) => new(p.PartySeq, p.DisplayName, p.Kind.ToText(), p.EntitySubtype, p.NameKey, p.CompactKey, p.AltKey,
        p.LegalForm, p.ElfCode, p.FamilyName, p.GivenNames, p.RomanizedName, p.Country, p.Rules, p.Problem.Length > 0 ? p.Problem : null);
}
