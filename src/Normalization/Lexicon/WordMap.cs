using System.Collections.Frozen;

namespace Names.Normalization.Lexicon;

/// <summary>A word → value list (abbreviations, spelling variants) behind a <see cref="WordFilter"/>, like
/// <see cref="WordSet"/>.</summary>
internal sealed class WordMap<T>
{
    private readonly FrozenDictionary<string, T> _map;
    private readonly WordFilter _filter;

    public WordMap(FrozenDictionary<string, T> map)
    {
        _map = map;
        _filter = new WordFilter(map.Keys);
    }

    public bool TryGetValue(string word, out T value)
    {
        value = default!;
        return _filter.MayContain(word) && _map.TryGetValue(word, out value!);
    }
}
