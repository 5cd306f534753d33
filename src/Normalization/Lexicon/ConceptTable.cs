using System.Collections.Frozen;

namespace Names.Normalization.Lexicon;

/// <summary>
/// R8/R22/R24: generic organisation words of many languages and scripts -> a language-free concept (its canonical
/// English word, e.g. UNIVERSITY; one or two words), from lists/organisation-concepts.tsv. Words are kept in key form
/// (tokenised like names). Words of scripts written without spaces (Han, kana, Hangul, Thai) are also kept apart: they
/// anchor the split of a word run (<see cref="Text.ScriptWordSplitter"/>).
/// </summary>
internal sealed class ConceptTable
{
    private readonly WordMap<string[]> _words;
    private readonly FrozenDictionary<string, string[]> _scriptWords;
    private readonly FrozenDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _scriptLookup;
    private readonly WordSet _conceptNames;

    private ConceptTable(Dictionary<string, string[]> words, Dictionary<string, string[]> scriptWords)
    {
        _words = new WordMap<string[]>(words.ToFrozenDictionary(StringComparer.Ordinal));
        _scriptWords = scriptWords.ToFrozenDictionary(StringComparer.Ordinal);
        _scriptLookup = _scriptWords.GetAlternateLookup<ReadOnlySpan<char>>();
        MaxScriptWordLength = scriptWords.Count == 0 ? 0 : scriptWords.Keys.Max(k => k.Length);
        _conceptNames = new WordSet(words.Values.Concat(scriptWords.Values).SelectMany(v => v).Distinct());
        Count = words.Count + scriptWords.Count;
    }

    public int Count { get; }

    /// <summary>No words (word break alone).</summary>
    public static ConceptTable Empty { get; } = new(new Dictionary<string, string[]>(), new Dictionary<string, string[]>());
    public int MaxScriptWordLength { get; }

    /// <summary>The concept words of a key-form word (UNIVERSIDADE -> UNIVERSITY, УНИВЕРСИТЕТ -> UNIVERSITY).</summary>
    public bool TryGet(string word, out string[] concept) => _words.TryGetValue(word, out concept);

    /// <summary>The concept of a word of a script without spaces (大学, 전자, มหาวิทยาลัย).</summary>
    public bool TryGetScriptWord(ReadOnlySpan<char> word, out string[] concept) => _scriptLookup.TryGetValue(word, out concept!);

    /// <summary>True for a concept's canonical word (UNIVERSITY, HEAVY, INDUSTRIES ...).</summary>
    public bool IsConcept(string word) => _conceptNames.Contains(word);

    /// <summary>Loads a word -> concept file; a word listed with two concepts is an error naming the file.</summary>
    public static ConceptTable Load(string path)
    {
        var words = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var scriptWords = new Dictionary<string, string[]>(StringComparer.Ordinal);
        int line = 0;
        foreach (var f in EmbeddedDataFile.ReadTsv(path))
        {
            line++;
            if (f.Length < 2 || f[0].Trim().Length == 0 || f[1].Trim().Length == 0)
                throw new InvalidOperationException($"Normalisation data file '{path}': entry {line} needs a word and a concept: '{string.Join('\t', f)}'.");
            var key = string.Join(' ', Phrase<bool>.TokensOf(f[0].Trim()));
            var concept = f[1].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var into = key.Any(c => Text.ScriptClass.IsWrittenWithoutSpaces(c)) ? scriptWords : words;
            if (into.TryGetValue(key, out var existing) && !existing.SequenceEqual(concept))
                throw new InvalidOperationException($"Normalisation data file '{path}': '{key}' maps to both {string.Join(' ', existing)} and {string.Join(' ', concept)}.");
            into[key] = concept;
        }
        return new ConceptTable(words, scriptWords);
    }
}
