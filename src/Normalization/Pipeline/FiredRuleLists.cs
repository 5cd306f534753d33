namespace Names.Normalization.Pipeline;

/// <summary>
/// The rule-id lists of finished parties. A run sees only a few hundred distinct lists, so each list is one shared
/// immutable array instead of a new array per party (that array was a tenth of the normaliser's allocations).
/// Per thread (inside <see cref="PipelineWorkspace"/>); bounded.
/// </summary>
internal sealed class FiredRuleLists
{
    private const int MaxLists = 4096;
    private readonly Dictionary<ulong, string[]> _lists = new();

    public IReadOnlyList<string> Get(List<string> fired)
    {
        ulong key = 14695981039346656037UL; // FNV-1a over the ids' characters (ids are short: "R14")
        foreach (var id in fired)
        {
            foreach (var c in id) key = (key ^ c) * 1099511628211UL;
            key = (key ^ ' ') * 1099511628211UL;
        }
        if (_lists.TryGetValue(key, out var shared) && Same(shared, fired)) return shared;
        var list = fired.ToArray();
        if (_lists.Count < MaxLists) _lists.TryAdd(key, list);
        return list;
    }

    private static bool Same(string[] shared, List<string> fired)
    {
        if (shared.Length != fired.Count) return false;
        for (int i = 0; i < shared.Length; i++)
        {
            if (!string.Equals(shared[i], fired[i], StringComparison.Ordinal)) return false;
        }
        return true;
    }
}
