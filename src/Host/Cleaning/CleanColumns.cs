namespace Names.Host.Cleaning;

/// <summary>Which input columns feed the normaliser (indexes into the header; null when not given).</summary>
public sealed record CleanColumns(int Name, int? Country = null, int? Kind = null);

/// <summary>The columns `names clean` appends after the input's own (DESIGN.md, "Command line").</summary>
public static class CleanOutputColumns
{
    public static readonly IReadOnlyList<string> Party =
    [
        "party_seq", "display_name", "entity_kind", "entity_subtype", "name_key", "compact_key", "alt_key",
        "legal_form", "elf_code", "family_name", "given_names", "romanized_name",
        "org_unit", "address", "rules",
    ];
}
