using Names.Resolver.Storage;

namespace Names.Resolver.Registry;

/// <summary>Export view of a registry (used by `names export`): active entities, variants with their entity, external identifiers with their holder, and redirects absorbed -> survivor.</summary>
public sealed class RegistryExporter(IRegistryStore store)
{
    public IAsyncEnumerable<EntityRecord> EntitiesAsync(CancellationToken ct = default) => store.ReadEntitiesAsync(ct);

    public IAsyncEnumerable<VariantRecord> VariantsAsync(CancellationToken ct = default) => store.ReadVariantsAsync(ct);

    /// <summary>Every external identifier with the active entity that holds it now (the one it was linked to, followed to its survivor).</summary>
    public async IAsyncEnumerable<(ExternalIdLink Link, string HolderId)> ExternalIdsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var link in store.ReadExternalIdsAsync(ct))
            yield return (link, (await store.ResolveAsync(link.EntityId, ct))?.Id ?? link.EntityId);
    }

    /// <summary>Every absorbed id with the active id it resolves to now (chains followed).</summary>
    public async IAsyncEnumerable<(string AbsorbedId, string SurvivorId)> RedirectsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var e in store.ReadEntitiesAsync(ct))
        {
            if (e.Status != EntityStatus.Absorbed) continue;
            var survivor = await store.ResolveAsync(e.Id, ct);
            if (survivor is not null) yield return (e.Id, survivor.Id);
        }
    }
}
