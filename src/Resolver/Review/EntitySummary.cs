using Names.Resolver.Storage;

namespace Names.Resolver.Review;

/// <summary>
/// What a reviewer sees of one entity: its variants with provenance, countries, how many records it holds (one per
/// distinct variant: the registry keeps the first occurrence of each name), source files, a few example records, and
/// when it was minted, and the external identifiers it holds (LEI, ROR id ...; with those of ids merged into it).
/// </summary>
public sealed record EntitySummary(string Id, string Kind, string Status, string? SurvivorId, string CanonicalName,
    IReadOnlyList<VariantRecord> Variants, IReadOnlyList<string> Countries, int RecordCount,
    IReadOnlyList<string> Sources, IReadOnlyList<string> ExampleRecords, DateTimeOffset Created, IReadOnlyList<ExternalIdLink>? ExternalIds = null);
