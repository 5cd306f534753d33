namespace Names.Resolver.Resolution;

/// <summary>
/// One input row to resolve. <see cref="Row"/> is the caller's row number (provenance); <see cref="Context"/> holds
/// optional context columns (co-applicants, classes, places, dates ...), compared when both sides have them;
/// <see cref="ExternalIds"/> the identifiers the row carries (an LEI, an ORCID ...), valid by construction.
/// </summary>
public sealed record ResolveInput(
    string? Name,
    string? Country = null,
    string? Kind = null,
    string? FamilyName = null,
    string? GivenNames = null,
    IReadOnlyDictionary<string, string>? Context = null,
    string SourceRecordId = "",
    long Row = 0,
    IReadOnlyList<Names.Resolver.ExternalIds.ExternalId>? ExternalIds = null);
