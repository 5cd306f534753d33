using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Names.Normalization.Transliteration;

/// <summary>
/// The one-character rules of ICU's Han-Latin ("[康慷...] > kāng;"), everything after its "::Han-Spacedhan();" pass,
/// shared by all threads. The rules' source is read from ICU's data (<see cref="IcuRuleSource"/>) into a table code
/// point → syllable (~20 ms) without ICU compiling it, which took ~170 ms of every process's start-up; where that source
/// cannot be read, the rules the compiled transliterator gives back (<c>utrans_toRules</c>) are read instead. When a rule is not a plain
/// "[literal characters] > letters;" (another ICU version), each character asks the compiled ICU rules once instead and
/// the answers are kept in a concurrent table. Characters that some rule treats with context ("{重}' '?庆 > chóng;")
/// are listed in <see cref="IsContextCharacter"/>: text holding one goes through <see cref="MapWhole"/>, which compiles
/// the ICU rules on first use.
/// </summary>
internal sealed class HanCharacterRules : IDisposable
{
    // at most the CJK ideographs ICU knows (~100k); the bound only guards against absurd input
    private const int TableLimit = 200_000;

    private readonly Lazy<IcuTransliterator?> _rules;
    private readonly HashSet<int> _contextCharacters;
    /// <summary>Every character a rule names, from the rules' text; null when they are not all plain (then <see cref="_table"/>).</summary>
    private readonly FrozenDictionary<int, string>? _parsed;
    private readonly ConcurrentDictionary<int, string> _table = new();
    private readonly Lock _icuLock = new(); // ICU transliterators are not thread-safe

    private HanCharacterRules(Lazy<IcuTransliterator?> rules, HashSet<int> contextCharacters, FrozenDictionary<int, string>? parsed)
    {
        _rules = rules;
        _contextCharacters = contextCharacters;
        _parsed = parsed;
    }

    /// <summary>Null when this ICU's Han-Latin rules do not have the expected shape (see <see cref="TrySplitRules"/>).</summary>
    public static HanCharacterRules? TryCreate(IcuLibrary icu)
    {
        // the rule source as ICU's data holds it: read, not compiled
        if (IcuRuleSource.TryRead(icu, "Han-Latin") is { } ruleSource && TryReadSource(ruleSource, out var sourceRules, out var sourceContext, out var sourceTable))
        {
            return new HanCharacterRules(Compile(icu, sourceRules), sourceContext, sourceTable);
        }
        // else as the compiled transliterator gives them back (its compiling costs ~170 ms)
        string? source;
        using (var hanLatin = IcuTransliterator.TryOpen(icu, "Han-Latin")) source = hanLatin?.Rules();
        if (source == null || !TrySplitRules(source, out var characterRules, out var contextCharacters)) return null;
        var rules = Compile(icu, characterRules);
        var parsed = TryReadCharacterTable(characterRules);
        if (parsed != null) return new HanCharacterRules(rules, contextCharacters, parsed);
        if (rules.Value == null) return null;
        if (rules.Value.Transliterate(IcuTransliterator.PrintableAscii) != IcuTransliterator.PrintableAscii) // Map's ASCII shortcut relies on it
        {
            rules.Value.Dispose();
            return null;
        }
        return new HanCharacterRules(rules, contextCharacters, null);
    }

    /// <summary>The character rules compiled by ICU, on first use (texts with a context character).</summary>
    private static Lazy<IcuTransliterator?> Compile(IcuLibrary icu, string characterRules) =>
        new(() => IcuTransliterator.TryOpen(icu, "Han-Latin-Characters", characterRules));

    /// <summary>
    /// The rule source as ICU's data holds it ("::Han-Spacedhan();藏 } \u0020? 文 →zàng;[锕阿]→ā;..."): the same
    /// table as <see cref="TryReadCharacterTable"/> reads from the compiled rules' text, and the characters of the context
    /// rules ("X } context → output"). <paramref name="characterRules"/> is the source after the spacing pass, for ICU to
    /// compile when a context character turns up. False on any other shape.
    /// </summary>
    internal static bool TryReadSource(string source, out string characterRules, out HashSet<int> contextCharacters,
        out FrozenDictionary<int, string> table)
    {
        characterRules = "";
        contextCharacters = new HashSet<int>();
        table = FrozenDictionary<int, string>.Empty;
        var rules = source.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (rules.Length < 2 || rules[0] != "::Han-Spacedhan()") return false;
        var characters = new Dictionary<int, string>();
        for (int i = 1; i < rules.Length; i++)
        {
            var rule = rules[i].AsSpan();
            int arrow = rule.IndexOf('→');
            if (arrow < 1) return false;
            var left = rule[..arrow].Trim();
            var output = rule[(arrow + 1)..].Trim();
            if (output.Length == 0) return false;
            foreach (var c in output) if (!char.IsLetter(c)) return false;
            int context = left.IndexOf('}');
            if (context >= 0)
            {
                var key = left[..context].Trim();
                if (key.Length == 0 || key.ContainsAny('{', '[', '\\')) return false;
                foreach (var r in key.EnumerateRunes()) contextCharacters.Add(r.Value);
                continue;
            }
            if (left.Length < 3 || left[0] != '[' || left[^1] != ']' || !TryAddSet(characters, left[1..^1], output.ToString())) return false;
        }
        if (characters.Count == 0) return false;
        characterRules = source[(source.IndexOf(';') + 1)..];
        table = characters.ToFrozenDictionary();
        return true;
    }

    /// <summary>
    /// Code point → output of rules that are all "[c1c2c3...] > output;" with only non-ASCII characters and ranges of
    /// them inside the brackets (no escapes, variables or nested sets: ICU's set syntax needs ASCII for those) and only letters
    /// in the output; the first rule naming a character wins, as in ICU. Context rules ("{c}...") are skipped: their
    /// characters go through <see cref="MapWhole"/>. Null when any rule has another shape.
    /// </summary>
    internal static FrozenDictionary<int, string>? TryReadCharacterTable(string characterRules)
    {
        var table = new Dictionary<int, string>();
        foreach (var range in characterRules.AsSpan().Split('\n'))
        {
            var line = characterRules.AsSpan()[range];
            if (line.Length == 0 || line[0] == '{') continue;
            int close = line.IndexOf(']');
            if (line[0] != '[' || close < 2 || !line[close..].StartsWith("] > ") || line[^1] != ';') return null;
            var output = line[(close + 4)..^1];
            if (output.Length == 0) return null;
            foreach (var c in output) if (!char.IsLetter(c)) return null;
            var text = output.ToString();
            if (!TryAddSet(table, line[1..close], text)) return null;
        }
        return table.Count == 0 ? null : table.ToFrozenDictionary();
    }

    /// <summary>Non-ASCII characters and ranges of them ("辧-辩", by code point as in ICU's sets); false on anything else.</summary>
    private static bool TryAddSet(Dictionary<int, string> table, ReadOnlySpan<char> set, string output)
    {
        int previous = -1;
        bool range = false;
        foreach (var rune in set.EnumerateRunes())
        {
            if (rune.Value == '-' && previous >= 0 && !range) { range = true; continue; }
            if (rune.IsAscii) return false;
            if (range)
            {
                if (rune.Value < previous) return false;
                for (int c = previous + 1; c <= rune.Value; c++) table.TryAdd(c, output);
                range = false;
                previous = -1; // "a-b-c" is not a set ICU writes
                continue;
            }
            table.TryAdd(rune.Value, output);
            previous = rune.Value;
        }
        return !range;
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
        if (_parsed != null && _parsed.TryGetValue(codePoint, out var syllable)) return syllable;
        if (_table.TryGetValue(codePoint, out var mapped)) return mapped;
        // not named by a rule (kana, full-width forms ... in Han text): itself, kept so it is not allocated per call
        mapped = _parsed != null ? char.ConvertFromUtf32(codePoint) : MapWhole(char.ConvertFromUtf32(codePoint));
        if (_table.Count < TableLimit) _table.TryAdd(codePoint, mapped);
        return mapped;
    }

    /// <summary>The rules applied to a whole text through ICU (slow: ~20 µs per character; the first call compiles
    /// them). Should ICU refuse rules it has just given us, each character is mapped alone (context rules not applied).</summary>
    public string MapWhole(string text)
    {
        lock (_icuLock)
        {
            if (_rules.Value is { } rules) return rules.Transliterate(text);
        }
        var sb = new System.Text.StringBuilder(text.Length * 3);
        foreach (var rune in text.EnumerateRunes()) sb.Append(_parsed != null && _parsed.TryGetValue(rune.Value, out var syllable) ? syllable : rune.ToString());
        return sb.ToString();
    }

    public void Dispose()
    {
        if (_rules.IsValueCreated) _rules.Value?.Dispose();
    }
}
