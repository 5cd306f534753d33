namespace Names.Host.Synthesis;

/// <summary>Words of a list grouped by key (country or script), as arrays for allocation-free picking.</summary>
public sealed class WordTable<T>(IEnumerable<(string Key, T Word)> rows)
{
    private readonly Dictionary<string, T[]> _byKey = rows.GroupBy(r => r.Key, r => r.Word).ToDictionary(g => g.Key, g => g.ToArray());

    public IReadOnlyList<T> this[string key] => _byKey.TryGetValue(key, out var words) ? words : Array.Empty<T>();

    public IEnumerable<string> Keys => _byKey.Keys;
}
