using System.Runtime.InteropServices;

namespace Names.Resolver.Service.ReadModel;

/// <summary>
/// Blocking-key index of the read model: key hash -> variant handles. The part loaded at start is one sorted array of
/// key hashes with offsets into one array of handles (about 12 bytes per key and 4 per posting, three objects in
/// all); variants added later go to a dictionary beside it. A block keeps at most cap + 1 handles: a block over the
/// cap is skipped by lookups (as in the database, which reads at most cap + 1 rows per key), so the rest is never
/// needed. Not thread-safe: <see cref="RegistryReadModel"/> guards it.
/// </summary>
internal sealed class BlockingKeyIndex
{
    private readonly int _keep;
    private readonly ulong[] _keys;
    private readonly int[] _starts;
    private readonly int[] _handles;
    private readonly Dictionary<ulong, List<int>> _added = new();

    /// <summary>Builds the index from (key hash, handle) pairs, handles ascending per key; sorts the arrays in place.</summary>
    public BlockingKeyIndex(int blockCap, Span<ulong> hashes, Span<int> handles)
    {
        _keep = blockCap + 1;
        hashes.Sort(handles); // unstable: the handles of one key are re-sorted below
        var keys = new List<ulong>();
        var starts = new List<int>();
        var kept = new List<int>(hashes.Length / 2);
        for (int i = 0; i < hashes.Length;)
        {
            int j = i;
            while (j < hashes.Length && hashes[j] == hashes[i]) j++;
            var block = handles[i..j];
            block.Sort();
            keys.Add(hashes[i]);
            starts.Add(kept.Count);
            int last = -1;
            foreach (var h in block)
            {
                if (h == last) continue; // two keys of one variant with the same hash
                last = h;
                kept.Add(h);
                if (kept.Count - starts[^1] == _keep) break;
            }
            i = j;
        }
        starts.Add(kept.Count);
        _keys = keys.ToArray();
        _starts = starts.ToArray();
        _handles = kept.ToArray();
    }

    public void Add(ulong hash, int handle)
    {
        var loaded = Loaded(hash);
        if (loaded.Length >= _keep) return;
        if (!_added.TryGetValue(hash, out var list)) _added[hash] = list = new List<int>(1);
        if (loaded.Length + list.Count < _keep && !list.Contains(handle) && !loaded.Contains(handle)) list.Add(handle);
    }

    /// <summary>Handles added since the load for the key (empty when none).</summary>
    public ReadOnlySpan<int> Added(ulong hash) => _added.TryGetValue(hash, out var list) ? CollectionsMarshal.AsSpan(list) : default;

    /// <summary>Handles of the key loaded at start, ascending.</summary>
    public ReadOnlySpan<int> Loaded(ulong hash)
    {
        var i = Array.BinarySearch(_keys, hash);
        return i < 0 ? default : _handles.AsSpan(_starts[i], _starts[i + 1] - _starts[i]);
    }
}
