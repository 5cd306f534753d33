namespace Names.Resolver.Storage;

/// <summary>
/// Aggregates of one entity that ordering, filtering and the merge rule need without reading its variants: how many
/// variants it has, their distinct countries and source files, and when it was minted (sequence and time of its
/// first <c>minted</c> event; MintSeq is long.MaxValue when the log has none).
/// </summary>
public sealed record EntityFacts(string Id, string Kind, string Status, string? SurvivorId, string CanonicalName,
    int VariantCount, IReadOnlyList<string> Countries, IReadOnlyList<string> Sources, long MintSeq, DateTimeOffset Minted);
