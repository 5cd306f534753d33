namespace Names.Resolver.Storage;

/// <summary>One entry of the append-only event log. Type is one of <see cref="RegistryEventType"/>.</summary>
public sealed record RegistryEvent(string Type, string EntityId, string? OtherId, string Actor, string Detail, DateTimeOffset Time, long Seq = 0);

public static class RegistryEventType
{
    public const string Minted = "minted";
    public const string VariantLinked = "variant_linked";
    public const string Merged = "merged";
    public const string Split = "split";
    public const string Decided = "decided";
    /// <summary>A reviewer's decision taken back (merge reverted, cannot-link removed, skip forgotten).</summary>
    public const string Undone = "undone";
    /// <summary>A person's data erased (issue 16): the id stays, its names are gone; detail = the reason.</summary>
    public const string Erased = "erased";
    /// <summary>An external identifier (LEI, ROR id, ORCID ...) linked to the entity; detail <c>scheme:value</c>, the source and status.</summary>
    public const string ExternalIdLinked = "external_id_linked";
    /// <summary>The authority's status of a linked external identifier changed (a newer file); detail <c>scheme:value</c> and the new status.</summary>
    public const string ExternalIdUpdated = "external_id_updated";
}
