namespace Names.Resolver.Storage;

/// <summary>
/// An external identifier linked to the entity it was first given to (<see cref="EntityId"/>, as linked: an absorbed
/// entity's ids stay on its row and are read through its survivor, so undoing a merge needs no move). Source: the file or
/// actor that linked it; Status: the authority's status of the record (GLEIF's entity and registration status, ROR's
/// status), empty when unknown.
/// </summary>
public sealed record ExternalIdLink(string Scheme, string Value, string EntityId, string Source, string Status, DateTimeOffset Time)
{
    public override string ToString() => Scheme + ":" + Value;
}

/// <summary>The external identifiers of the registry's entities (schema version 8, table <c>external_ids</c>).</summary>
public interface IExternalIdStore
{
    /// <summary>The ids held by the entity and by every entity absorbed into it, by scheme and value.</summary>
    Task<IReadOnlyList<ExternalIdLink>> GetExternalIdsAsync(string entityId, CancellationToken ct = default);
    /// <summary>The link of that identifier (normal form) as stored, or null; follow <see cref="ExternalIdLink.EntityId"/> to its survivor.</summary>
    Task<ExternalIdLink?> FindExternalIdAsync(string scheme, string value, CancellationToken ct = default);
    /// <summary>Every link, by scheme and value.</summary>
    IAsyncEnumerable<ExternalIdLink> ReadExternalIdsAsync(CancellationToken ct = default);
}

/// <summary>Statuses Names itself gives a link.</summary>
public static class ExternalIdStatus
{
    /// <summary>
    /// The authority retired the identifier into a successor ("superseded by lei:..."): it names no party of its own, so
    /// it never stands against a merge with its successor's holder.
    /// </summary>
    public const string SupersededBy = "superseded by ";
}
