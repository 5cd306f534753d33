using System.Collections.Frozen;

namespace Names.Normalization.Lexicon;

/// <summary>A word list asked whether it holds a word: a <see cref="WordFilter"/> first, the set only when that cannot
/// rule the word out.</summary>
internal sealed class WordSet
{
    private readonly FrozenSet<string> _words;
    private readonly WordFilter _filter;

    public WordSet(IEnumerable<string> words)
    {
        _words = words.ToFrozenSet(StringComparer.Ordinal);
        _filter = new WordFilter(_words);
    }

    public bool Contains(string word) => _filter.MayContain(word) && _words.Contains(word);
}
