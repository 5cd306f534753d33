using Names.Resolver.ExternalIds;

namespace Names.Resolver.Resolution;

/// <summary>
/// The external identifiers rows carry, in a bulk run: who holds one (survivors followed), and linking an identifier
/// nobody holds to the entity its row landed on (an <c>external_id_linked</c> event each), never next to another
/// identifier of its scheme.
/// </summary>
internal sealed class RunExternalIds(RegistryState state, RegistryWriter writer, ResolutionOptions options)
{
    /// <summary>The active entity holding one of the identifiers (the first held), with that identifier; null when nobody holds any.</summary>
    public (RegistryState.EntityState Holder, ExternalId Id)? HolderOf(IReadOnlyList<ExternalId> ids)
    {
        foreach (var id in ids)
            if (state.ExternalIdHolders.TryGetValue(id, out var holder)) return (state.Survivor(holder), id);
        return null;
    }

    /// <summary>Links to the entity each identifier nobody holds yet, unless the entity holds another of its scheme.</summary>
    public void Link(RegistryState.EntityState entity, IReadOnlyList<ExternalId> ids)
    {
        foreach (var id in ids)
        {
            if (state.ExternalIdHolders.ContainsKey(id) || ExternalId.Contradicting([id], entity.PartyIds) is not null) continue;
            state.LinkExternalId(id, entity.Id);
            ExternalIdRule.Link(writer.Batch, id, entity.Id, options.SourceFile, options.Actor);
        }
    }

    /// <summary>The identifiers the entity holds, for the output's <c>external_ids</c> column.</summary>
    public static string Column(RegistryState.EntityState entity) =>
        entity.ExternalIds.Count == 0 ? "" : string.Join(';', entity.ExternalIds.Select(x => x.ToString()).Order(StringComparer.Ordinal));
}
