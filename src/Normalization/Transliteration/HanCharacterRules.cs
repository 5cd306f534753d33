using System.Collections.Concurrent;

namespace Names.Normalization.Transliteration;

/// <summary>
/// The one-character rules of ICU's Han-Latin ("[康慷...] > kāng;"), everything after its "::Han-Spacedhan();" pass,
/// compiled once per process (compiling them takes ~100 ms) and shared by all threads. Each character asks ICU once;
/// the answers are kept in a concurrent table. Characters that some rule treats with context
/// ("{重}' '?庆 > chóng;") are listed in <see cref="IsContextCharacter"/>: text holding one goes through
/// <see cref="MapWhole"/>.
/// </summary>
internal sealed class HanCharacterRules : IDisposable
{
    // at most the CJK ideographs ICU knows (~100k); the bound only guards against absurd input
    private const int TableLimit = 200_000;

    private readonly IcuTransliterator _rules;
    private readonly HashSet<int> _contextCharacters;
    private readonly ConcurrentDictionary<int, string> _table = new();
    private readonly Lock _icuLock = new(); // ICU transliterators are not thread-safe

    private HanCharacterRules(IcuTransliterator rules, HashSet<int> contextCharacters)
    {
        _rules = rules;
        _contextCharacters = contextCharacters;
    }

    /// <summary>Null when this ICU's Han-Latin rules do not have the expected shape (see <see cref="TrySplitRules"/>).</summary>
    public static HanCharacterRules? TryCreate(IcuLibrary icu)
    {
        string? source;
        using (var hanLatin = IcuTransliterator.TryOpen(icu, "Han-Latin")) source = hanLatin?.Rules();
        if (source == null || !TrySplitRules(source, out var characterRules, out var contextCharacters)) return null;
        var rules = IcuTransliterator.TryOpen(icu, "Han-Latin-Characters", characterRules);
        if (rules == null) return null;
        const string ascii = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
        if (rules.Transliterate(ascii) != ascii) // Map's ASCII shortcut relies on it
        {
            rules.Dispose();
            return null;
        }
        return new HanCharacterRules(rules, contextCharacters);
    }

    /// <summary>
    /// Expects "::Han-Spacedhan();" then only "[set] > output;" rules and "{c}context > output;" rules. Anything else
    /// (variables, other passes, new syntax in a later ICU) and the staged path is not used.
    /// </summary>
    internal static bool TrySplitRules(string rules, out string characterRules, out HashSet<int> contextCharacters)
    {
        characterRules = "";
        contextCharacters = new HashSet<int>();
        var lines = rules.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2 || lines[0] != "::Han-Spacedhan();") return false;
        for (int i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (!line.EndsWith(';') || line.Contains("::", StringComparison.Ordinal) || line.Contains('$') || line.Contains('|')) return false;
            if (line[0] == '[')
            {
                if (line.Contains('{') || line.Contains('}')) return false;
                continue;
            }
            if (line[0] != '{') return false;
            int close = line.IndexOf('}');
            if (close < 2) return false;
            foreach (var r in line.AsSpan(1, close - 1).EnumerateRunes()) contextCharacters.Add(r.Value);
        }
        characterRules = string.Join('\n', lines, 1, lines.Length - 1);
        return true;
    }

    public bool IsContextCharacter(int codePoint) => _contextCharacters.Contains(codePoint);

    /// <summary>The rules applied to one code point (its own text when no rule matches). ASCII never matches.</summary>
    public string Map(int codePoint)
    {
        if (_table.TryGetValue(codePoint, out var mapped)) return mapped;
        mapped = MapWhole(char.ConvertFromUtf32(codePoint));
        if (_table.Count < TableLimit) _table.TryAdd(codePoint, mapped);
        return mapped;
    }

    /// <summary>The rules applied to a whole text through ICU (slow: ~20 µs per character).</summary>
    public string MapWhole(string text)
    {
        lock (_icuLock) return _rules.Transliterate(text);
    }

    public void Dispose() => _rules.Dispose();
}
