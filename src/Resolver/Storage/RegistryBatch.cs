namespace Names.Resolver.Storage;

/// <summary>Everything one slice of a run writes; applied in a single transaction.</summary>
public sealed class RegistryBatch
{
    public List<EntityRecord> NewEntities { get; } = new();
    public List<VariantRecord> NewVariants { get; } = new();
    public List<RegistryEvent> Events { get; } = new();
    public List<ReviewProposal> NewProposals { get; } = new();
    /// <summary>External ids to link, or whose status to update (the entity a stored link names never changes).</summary>
    public List<ExternalIdLink> ExternalIds { get; } = new();
    /// <summary>Registry metadata to upsert (e.g. the minter sequence).</summary>
    public Dictionary<string, string> Meta { get; } = new();

    public bool IsEmpty => NewEntities.Count == 0 && NewVariants.Count == 0
                           && Events.Count == 0 && NewProposals.Count == 0 && ExternalIds.Count == 0 && Meta.Count == 0;
}
