namespace Names.Resolver.Candidates;

/// <summary>
/// Hash-based inverted index from blocking key to row numbers, used to sample candidate pairs when a model is estimated
/// or trained (runs and lookups search <see cref="LuceneCandidateIndex"/>). Blocks above
/// <see cref="BlockCap"/> members stop being used for lookups (a very frequent key like t:GMBH says nothing), and
/// stop growing. Not thread-safe: lookups reuse scratch buffers (one run uses one index from one thread).
/// </summary>
public sealed class InMemoryCandidateIndex(int blockCap = 300)
{
    private readonly Dictionary<string, List<int>> _blocks = new(StringComparer.Ordinal);
    private double[] _score = new double[1024];
    private int[] _stamp = new int[1024];
    private int _generation;
    private readonly List<int> _touched = new();

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
        if (++_generation == int.MaxValue) { Array.Clear(_stamp); _generation = 1; }
        _touched.Clear();
        foreach (var key in keys)
        {
            if (!_blocks.TryGetValue(key, out var list) || list.Count > BlockCap) continue;
            // Selective keys weigh more: sharing a compact key beats sharing a 200-member token block.
            var weight = 1.0 / (1.0 + Math.Log(list.Count));
            foreach (var h in list)
            {
                if (h >= _stamp.Length) Grow(h);
                if (_stamp[h] != _generation) { _stamp[h] = _generation; _score[h] = 0; _touched.Add(h); }
                _score[h] += weight;
            }
        }
        var handles = _touched.ToArray();
        var order = new double[handles.Length];
        for (int i = 0; i < handles.Length; i++) order[i] = -_score[handles[i]];
        // Highest score first; equal scores keep a deterministic order because the sort is deterministic for equal input.
        Array.Sort(order, handles);
        return handles.Length <= limit ? handles : handles[..limit];
    }

    private void Grow(int handle)
    {
        var size = Math.Max(handle + 1, _stamp.Length * 2);
        Array.Resize(ref _stamp, size);
        Array.Resize(ref _score, size);
    }
}
