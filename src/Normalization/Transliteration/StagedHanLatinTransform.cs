using System.Text;

namespace Names.Normalization.Transliteration;

/// <summary>
/// R8 for Han text: the same result as ICU's "Han-Latin; Any-Latin; Latin-ASCII", computed in stages so that the
/// slow part is cached. ICU's Han-Latin is "::Han-Spacedhan();" followed by ~1,500 one-character rules
/// ("[康慷...] > kāng;"), which ICU matches by scanning the rule list for every character (~20 µs per character). Here:
/// 1. ICU Han-Spacedhan on the whole text (cheap: normalisation and spacing between ideographs);
/// 2. the one-character rules, applied per code point from a per-character cache (each character asks ICU once);
///    characters that some rule treats with context ({重}' '?庆 > chóng) send the text through ICU whole instead;
/// 3. Any-Latin; Latin-ASCII per space-separated syllable from a cache when the text is all Latin/common letters
///    (Any-Latin leaves Latin untouched; Latin-ASCII's rules do not look across a space), else through ICU whole.
/// <see cref="TryCreate"/> returns null when this ICU's rules do not have the expected shape; callers then use the
/// plain ICU chain. Not thread-safe (one per thread, like every ICU transliterator).
/// </summary>
internal sealed class StagedHanLatinTransform : IDisposable
{
    public const string ChainId = "Han-Latin; Any-Latin; Latin-ASCII";
    private const string TailId = "Any-Latin; Latin-ASCII";
    private const int CacheLimit = 20_000;

    private readonly IcuTransliterator _spacing;
    private readonly IcuTransliterator _characterRules;
    private readonly IcuTransliterator _tail;
    private readonly HashSet<int> _contextCharacters;
    private readonly Dictionary<int, string> _characters = new();
    private readonly Dictionary<string, string> _syllables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _syllableLookup;
    private readonly StringBuilder _mapped = new(64);
    private readonly StringBuilder _result = new(64);

    private StagedHanLatinTransform(IcuTransliterator spacing, IcuTransliterator characterRules, IcuTransliterator tail, HashSet<int> contextCharacters)
    {
        _spacing = spacing;
        _characterRules = characterRules;
        _tail = tail;
        _contextCharacters = contextCharacters;
        _syllableLookup = _syllables.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static StagedHanLatinTransform? TryCreate(IcuLibrary icu)
    {
        using var hanLatin = IcuTransliterator.TryOpen(icu, "Han-Latin");
        var rules = hanLatin?.Rules();
        if (rules == null || !TrySplitRules(rules, out var characterRules, out var contextCharacters)) return null;
        var spacing = IcuTransliterator.TryOpen(icu, "Han-Spacedhan");
        var mapping = IcuTransliterator.TryOpen(icu, "Han-Latin-Characters", characterRules);
        var tail = IcuTransliterator.TryOpen(icu, TailId);
        if (spacing == null || mapping == null || tail == null || !KeepsAscii(mapping) || !KeepsAscii(tail))
        {
            spacing?.Dispose();
            mapping?.Dispose();
            tail?.Dispose();
            return null;
        }
        return new StagedHanLatinTransform(spacing, mapping, tail, contextCharacters);
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

    /// <summary>Both shortcuts below pass ASCII through unchanged: make sure this ICU agrees.</summary>
    private static bool KeepsAscii(IcuTransliterator t)
    {
        var ascii = new string(Enumerable.Range(0x20, 0x5F).Select(i => (char)i).ToArray());
        return t.Transliterate(ascii) == ascii;
    }

    public string Transliterate(string text)
    {
        if (text.Length == 0) return text;
        var spaced = _spacing.Transliterate(text);
        var mapped = MapCharacters(spaced);
        return Tail(mapped);
    }

    private string MapCharacters(string spaced)
    {
        var sb = _mapped.Clear();
        for (int i = 0; i < spaced.Length; i++)
        {
            int cp = spaced[i];
            int width = 1;
            if (char.IsHighSurrogate(spaced[i]) && i + 1 < spaced.Length && char.IsLowSurrogate(spaced[i + 1]))
            {
                cp = char.ConvertToUtf32(spaced[i], spaced[i + 1]);
                width = 2;
            }
            if (cp < 0x80) { sb.Append((char)cp); continue; } // the rules map ideographs only; ASCII passes unchanged
            if (_contextCharacters.Contains(cp)) return _characterRules.Transliterate(spaced);
            if (!_characters.TryGetValue(cp, out var mapped))
            {
                mapped = _characterRules.Transliterate(spaced.Substring(i, width));
                if (_characters.Count >= CacheLimit) _characters.Clear();
                _characters[cp] = mapped;
            }
            sb.Append(mapped);
            i += width - 1;
        }
        return sb.ToString();
    }

    private string Tail(string mapped)
    {
        foreach (var c in mapped)
        {
            if (!IsLatinOrCommon(c)) return _tail.Transliterate(mapped);
        }
        var sb = _result.Clear();
        var span = mapped.AsSpan();
        int start = 0;
        while (start <= span.Length)
        {
            int space = span[start..].IndexOf(' ');
            int end = space < 0 ? span.Length : start + space;
            var piece = span[start..end];
            if (IsAscii(piece))
            {
                sb.Append(piece); // Latin-ASCII leaves ASCII as it is
            }
            else
            {
                if (!_syllableLookup.TryGetValue(piece, out var ascii))
                {
                    var key = piece.ToString();
                    ascii = _tail.Transliterate(key);
                    if (_syllables.Count >= CacheLimit) _syllables.Clear();
                    _syllables[key] = ascii;
                }
                sb.Append(ascii);
            }
            if (space < 0) break;
            sb.Append(' ');
            start = end + 1;
        }
        return sb.ToString();
    }

    /// <summary>Latin and common characters (Latin-1, Latin Extended A/B/Additional, combining diacritics): the ranges
    /// pinyin uses, where Any-Latin changes nothing.</summary>
    private static bool IsLatinOrCommon(char c) => c < 0x250 || (c >= 0x300 && c <= 0x36F) || (c >= 0x1E00 && c <= 0x1EFF);

    private static bool IsAscii(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (c >= 0x80) return false;
        return true;
    }

    public void Dispose()
    {
        _spacing.Dispose();
        _characterRules.Dispose();
        _tail.Dispose();
    }
}
