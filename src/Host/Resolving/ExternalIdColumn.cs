using Names.Resolver.Storage;

namespace Names.Host.Resolving;

/// <summary>
/// The resolve output's <c>external_ids</c> column: the identifiers each entity holds (its own and those of the ids
/// absorbed into it), <c>scheme:value</c> joined with <c>;</c>, read once when the run starts.
/// </summary>
public sealed class ExternalIdColumn(IReadOnlyDictionary<string, string> byEntity)
{
    public string Of(string entityId) => byEntity.GetValueOrDefault(entityId, "");

    public static async Task<ExternalIdColumn> LoadAsync(IRegistryStore store, CancellationToken ct)
    {
        var held = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        Dictionary<string, string?>? survivorOf = null;
        await foreach (var link in store.ReadExternalIdsAsync(ct))
        {
            if (survivorOf is null)
            {
                survivorOf = new Dictionary<string, string?>(StringComparer.Ordinal);
                await foreach (var e in store.ReadEntitiesAsync(ct)) survivorOf[e.Id] = e.Status == EntityStatus.Absorbed ? e.SurvivorId : null;
            }
            var holder = link.EntityId;
            for (int hops = 0; hops < 64 && survivorOf.GetValueOrDefault(holder) is { } next; hops++) holder = next;
            if (!held.TryGetValue(holder, out var list)) held[holder] = list = [];
            list.Add(link.ToString());
        }
        return new ExternalIdColumn(held.ToDictionary(kv => kv.Key, kv => string.Join(';', kv.Value.Order(StringComparer.Ordinal)), StringComparer.Ordinal));
    }
}
