namespace Names.Resolver.Candidates;

/// <summary>
/// Hash-based inverted index from blocking key to variant handles, used during a run. Blocks above
/// <see cref="BlockCap"/> members stop being used for lookups (a very frequent key like t:GMBH says nothing), but
/// keep growing so the decision is the same whichever run adds the members.
/// </summary>
public sealed class InMemoryCandidateIndex(int blockCap = 300) : ICandidateIndex
{
    private readonly Dictionary<string, List<int>> _blocks = new(StringComparer.Ordinal);

    public int BlockCap { get; } = blockCap;
    public int Count { get; private set; }

    public void Add(int handle, IReadOnlyList<string> keys)
    {
        Count++;
        foreach (var key in keys)
        {
            if (!_blocks.TryGetValue(key, out var list)) _blocks[key] = list = new List<int>(2);
            if (list.Count <= BlockCap) list.Add(handle); // beyond the cap the block is ignored anyway
        }
    }

    public IReadOnlyList<int> Find(IReadOnlyList<string> keys, int limit)
    {
        var scores = new Dictionary<int, double>();
        foreach (var key in keys)
        {
            if (!_blocks.TryGetValue(key, out var list) || list.Count > BlockCap) continue;
            // Selective keys weigh more: sharing a compact key beats sharing a 200-member token block.
            var weight = 1.0 / (1.0 + Math.Log(list.Count));
            foreach (var h in list) scores[h] = scores.GetValueOrDefault(h) + weight;
        }
        if (scores.Count <= limit) return scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => kv.Key).ToList();
        return scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(limit).Select(kv => kv.Key).ToList();
    }
}
