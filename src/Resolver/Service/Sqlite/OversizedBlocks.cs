using System.Collections.Concurrent;

namespace Names.Resolver.Service.Sqlite;

/// <summary>
/// Blocking keys whose block was found larger than a cap. Blocks only grow (variants are never deleted, merges and
/// splits move entities, not keys), so a key once oversized stays so and need not be read again.
/// </summary>
internal sealed class OversizedBlocks
{
    private readonly ConcurrentDictionary<string, int> _largestCapExceeded = new(StringComparer.Ordinal);

    public bool Contains(string key, int cap) => _largestCapExceeded.TryGetValue(key, out var exceeded) && cap <= exceeded;

    /// <summary>Records that the block of <paramref name="key"/> holds more than <paramref name="cap"/> variants.</summary>
    public void Add(string key, int cap) => _largestCapExceeded.AddOrUpdate(key, cap, (_, old) => Math.Max(old, cap));

    public int Count => _largestCapExceeded.Count;
}
