using System.Text;
using Names.Normalization.Text;

namespace Names.Normalization.Transliteration;

/// <summary>
/// R8 for Han text: the same result as ICU's "Han-Latin; Any-Latin; Latin-ASCII", computed in stages so that the
/// slow part is cached. ICU's Han-Latin is "::Han-Spacedhan();" followed by ~1,500 one-character rules
/// ("[康慷...] > kāng;"), which ICU matches by scanning the rule list for every character (~20 µs per character). Here:
/// 1. ICU Han-Spacedhan on the whole text (cheap: normalisation and spacing between ideographs);
/// 2. the one-character rules, applied per code point from the shared <see cref="HanCharacterRules"/> table;
///    characters that some rule treats with context ({重}' '?庆 > chóng) send the text through ICU whole instead;
/// 3. Any-Latin; Latin-ASCII per space-separated syllable from a cache when the text is all Latin/common letters
///    (Any-Latin leaves Latin untouched; Latin-ASCII's rules do not look across a space), or when every piece is
///    letters of one script (kana between pinyin syllables), else through ICU whole.
/// Not thread-safe (one per thread, like every ICU transliterator); the character table is shared.
/// </summary>
internal sealed class StagedHanLatinTransform : IDisposable
{
    public const string ChainId = "Han-Latin; Any-Latin; Latin-ASCII";
    private const string TailId = "Any-Latin; Latin-ASCII";
    private const int SyllableCacheLimit = 20_000;

    private readonly IcuTransliterator _spacing;
    private readonly HanCharacterRules _characterRules;
    private readonly TransformChain _tail;
    private readonly Dictionary<string, string> _syllables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _syllableLookup;
    private readonly StringBuilder _mapped = new(64);
    private readonly StringBuilder _result = new(64);
    private readonly StringBuilder _spaced = new(64);
    private readonly bool _plainSpacing;

    /// <summary>True when this ICU's Han-Spacedhan has the rules <see cref="Space"/> implements for plain text.</summary>
    internal bool PlainSpacing => _plainSpacing;

    private StagedHanLatinTransform(IcuTransliterator spacing, HanCharacterRules characterRules, TransformChain tail)
    {
        _spacing = spacing;
        _characterRules = characterRules;
        _tail = tail;
        _syllableLookup = _syllables.GetAlternateLookup<ReadOnlySpan<char>>();
        _plainSpacing = spacing.Rules() == SpacedhanRules;
    }

    /// <summary>Null when ICU lacks a piece of the chain or <paramref name="characterRules"/> is null; callers then use
    /// the plain ICU chain.</summary>
    public static StagedHanLatinTransform? TryCreate(IcuLibrary icu, HanCharacterRules? characterRules)
    {
        if (characterRules == null) return null;
        var spacing = IcuTransliterator.TryOpen(icu, "Han-Spacedhan");
        var tail = TransformChain.TryOpen(icu, TailId);
        if (spacing == null || tail == null || !tail.KeepsAscii) // the syllable shortcut passes ASCII through unchanged
        {
            spacing?.Dispose();
            tail?.Dispose();
            return null;
        }
        return new StagedHanLatinTransform(spacing, characterRules, tail);
    }


    public string Transliterate(string text)
    {
        if (text.Length == 0) return text;
        var spaced = Space(text);
        var mapped = MapCharacters(spaced);
        return Tail(mapped);
    }

    /// <summary>
    /// Han-Spacedhan. On text of only ideographs U+4E00-U+9FA5, kana letters, ASCII letters, digits, spaces and ASCII
    /// punctuation, its rules (NFKC and fullwidth-halfwidth change none of these) come down to: a space after an
    /// ideograph, one of .,:;?! or a closing bracket when a letter follows, and after a letter when an ideograph or an
    /// opening bracket follows. Done here for that text (ICU takes ~4-20 µs per call), by ICU otherwise.
    /// </summary>
    internal string Space(string text)
    {
        if (!_plainSpacing) return _spacing.Transliterate(text);
        foreach (var c in text)
        {
            if (!IsPlainIdeograph(c) && !ScriptClass.IsKanaLetter(c) && (c < 0x20 || c >= 0x7F)) return _spacing.Transliterate(text);
        }
        var sb = _spaced.Clear();
        char previous = ' ';
        foreach (var c in text)
        {
            bool letter = IsPlainIdeograph(c) || ScriptClass.IsKanaLetter(c) || char.IsAsciiLetter(c);
            bool previousLetter = IsPlainIdeograph(previous) || ScriptClass.IsKanaLetter(previous) || char.IsAsciiLetter(previous);
            if ((letter && (IsPlainIdeograph(previous) || previous is '.' or ',' or ':' or ';' or '?' or '!' or ')' or ']' or '}'))
                || (previousLetter && (IsPlainIdeograph(c) || c is '(' or '[' or '{'))) sb.Append(' ');
            sb.Append(c);
            previous = c;
        }
        return sb.Length == text.Length ? text : sb.ToString();
    }

    private static bool IsPlainIdeograph(char c) => c >= 0x4E00 && c <= 0x9FA5;


    /// <summary>The Han-Spacedhan rules <see cref="Space"/> implements (ICU 7x); any other text turns it off.</summary>
    private const string SpacedhanRules =
        "::[[㆒-㆟㈠-㉇㊀-㊰㋀-㋋㍘-㍰㍻-㍿㏠-㏾ \U0001F210-\U0001F212\U0001F214-\U0001F23A\U0001F240-\U0001F248\U0001F250\U0001F251][:ideographic:][:sc=han:]] nfkc;\n" +
        "::fullwidth-halfwidth;\n" +
        "｡ > '.';\n" +
        "[[:Ideographic:][.,\\:;?!．，：？！｡、；[:Pe:][:Pf:]]]{}[:Letter:] > ' ';\n" +
        "[:Letter:][:Mark:]*{}[[:Ideographic:][:Ps:][:Pi:]] > ' ';";

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
            // context rules, and lone surrogates (no code point to key on): the whole text through ICU
            if (char.IsSurrogate((char)cp) || _characterRules.IsContextCharacter(cp)) return _characterRules.MapWhole(spaced);
            sb.Append(_characterRules.Map(cp));
            i += width - 1;
        }
        return sb.ToString();
    }

    private string Tail(string mapped)
    {
        foreach (var c in mapped)
        {
            if (!IsLatinOrCommon(c))
            {
                if (!AllScriptWords(mapped)) return _tail.Transliterate(mapped);
                break;
            }
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
                    if (_syllables.Count >= SyllableCacheLimit) _syllables.Clear();
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

    /// <summary>
    /// Text holding other scripts (kana next to the pinyin of Japanese text): the tail may still go piece by piece
    /// when every space-separated piece is only letters of one script each (a Latin piece, a kana piece...). Any-Latin
    /// then sees the same script runs alone as in the whole text; only Common/Inherited characters (ー, punctuation,
    /// marks) join a neighbouring run across a space.
    /// </summary>
    private static bool AllScriptWords(string mapped)
    {
        var span = mapped.AsSpan();
        foreach (var range in span.Split(' '))
        {
            var piece = span[range];
            if (piece.Length == 0) continue;
            bool latin = ScriptClass.IsLatinLetter(piece[0]);
            foreach (var c in piece)
            {
                if (latin ? !ScriptClass.IsLatinLetter(c) : !ScriptClass.IsRomanizedScriptLetter(c)) return false;
            }
        }
        return true;
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
        _tail.Dispose();
    }
}
