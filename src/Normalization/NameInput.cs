namespace Names.Normalization;

/// <summary>
/// One raw name field as found in a record (R1). Country is an ISO 3166 alpha-2 code when known; KindHint is the
/// value of a kind column (see <see cref="EntityKindText.Parse"/>); FamilyName/GivenNames come from structured
/// input columns, which win over parsing (R17).
/// </summary>
public sealed record NameInput(
    string? Name,
    string? Country = null,
    string? KindHint = null,
    string? FamilyName = null,
    string? GivenNames = null)
{
    /// <summary>R1: where the name comes from (file/office, record id, role, sequence), carried to <see cref="Party.SourceRef"/>.</summary>
    public string? SourceRef { get; init; }

    /// <summary>R20: keep an organisation's units in its name (each unit is then its own party); the address still goes.</summary>
    public bool KeepUnits { get; init; }
}
