using Names.Normalization.Text;

namespace Names.Normalization.Transliteration;

/// <summary>
/// R8 for one thread: picks the ICU transform per script (Russian-Latin/BGN for Cyrillic, Greek-Latin/UNGEGN for
/// Greek, Any-Latin otherwise, always followed by Latin-ASCII) and caches romanised texts in a bounded cache shared by all threads.
/// Han text takes <see cref="StagedHanLatinTransform"/> (same result as ICU's Han chain, ~10x faster).
/// Not thread-safe by design: the normaliser keeps one per thread.
/// </summary>
internal sealed class Romanizer : IDisposable
{
    private readonly IcuLibrary? _icu;
    // keyed by reference: the ids are the constant strings of TransformFor, and hashing a 40-character id on every call
    // cost more than the look-up
    private readonly Dictionary<string, TransformChain?> _transliterators = new(ReferenceEqualityComparer.Instance);
    private readonly RomanizationCache _cache;
    private readonly Lazy<StagedHanLatinTransform?> _han;
    private readonly System.Text.StringBuilder _words = new(64);
    private readonly Lazy<KakasiLibrary?> _kakasi;
    private readonly Lazy<IcuWordBreak?> _wordBreak;

    public Romanizer(IcuLibrary? icu, string unavailableReason, RomanizationCache? cache = null, Lazy<HanCharacterRules?>? hanCharacters = null,
        Lazy<KakasiLibrary?>? kakasi = null)
    {
        _icu = icu;
        _cache = cache ?? new RomanizationCache(DefaultCacheGenerationSize);
        UnavailableReason = unavailableReason;
        _han = new Lazy<StagedHanLatinTransform?>(() => _icu == null ? null : StagedHanLatinTransform.TryCreate(_icu, hanCharacters?.Value), LazyThreadSafetyMode.None);
        _kakasi = kakasi ?? new Lazy<KakasiLibrary?>((KakasiLibrary?)null);
        _wordBreak = new Lazy<IcuWordBreak?>(() => _icu == null ? null : IcuWordBreak.TryOpen(_icu), LazyThreadSafetyMode.None);
    }

    /// <summary>This thread's ICU word break iterator (Han, kana, Thai), or null without ICU.</summary>
    public IcuWordBreak? WordBreak => _wordBreak.Value;

    /// <summary>
    /// The Japanese reading of one word in Hepburn, upper-case ASCII, long vowels folded (TOUKYOU -> TOKYO, OOSAKA ->
    /// OSAKA, SENTA^ -> SENTA) as names are written in Latin; the Chinese reading (<see cref="Romanize"/>) when kakasi
    /// is not installed.
    /// </summary>
    public string RomanizeJapanese(string word)
    {
        if (_kakasi.Value is not { } kakasi) return Romanize(word);
        var key = JapaneseCachePrefix + word;
        if (_cache.TryGet(key, out var cached)) return cached;
        var result = FoldLongVowels(kakasi.Read(word), _words.Clear());
        if (result.Length == 0) result = Romanize(word);
        _cache.Add(key, result);
        return result;
    }

    private const char JapaneseCachePrefix = '\u0001'; // the cache is shared with the Chinese readings of the same text

    /// <summary>What R8 derives from a text besides its romanisation, kept in the same shared cache under its own mark.</summary>
    public enum Derived { ChineseKeyWords = 2, JapaneseKeyWords = 3, JapaneseReading = 4 }

    /// <summary>R8's key words of a run of text without spaces (joined by one space), or a name's Japanese reading.</summary>
    public bool TryGetDerived(Derived kind, string text, out string value) => _cache.TryGet((char)kind + text, out value);

    public void AddDerived(Derived kind, string text, string value) => _cache.Add((char)kind + text, value);

    private static string FoldLongVowels(string romaji, System.Text.StringBuilder sb)
    {
        foreach (var ch in romaji)
        {
            if (!char.IsAsciiLetterOrDigit(ch) && ch != ' ') continue; // ^ (the long mark ー), apostrophes
            char c = char.ToUpperInvariant(ch);
            if (sb.Length > 0 && c is 'U' or 'O' && sb[^1] == 'O') continue; // OU, OO -> O
            if (sb.Length > 0 && c == 'U' && sb[^1] == 'U') continue; // UU -> U
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Per generation: the synthetic benchmark's 1M rows hold ~80k distinct non-Latin names plus their tokens.</summary>
    public const int DefaultCacheGenerationSize = 100_000;

    public bool Available => _icu != null;
    public string UnavailableReason { get; }

    /// <summary>Latin-ASCII romanisation of <paramref name="text"/>; empty when ICU is absent or fails.</summary>
    public string Romanize(string text)
    {
        if (_icu == null || text.Length == 0) return "";
        text = CharFolding.GeorgianInMkhedruli(text); // ICU romanises Georgian written in Mkhedruli only
        if (_cache.TryGet(text, out var cached)) return cached;
        var transform = TransformFor(text);
        var result = ByWord(text, transform) ?? Whole(text, transform);
        _cache.Add(text, result);
        return result;
    }

    private string Whole(string text, string transform)
    {
        var result = transform == StagedHanLatinTransform.ChainId && _han.Value is { } han
            ? han.Transliterate(text)
            : Open(transform)?.Transliterate(text) ?? "";
        if (HasNonAsciiLetter(result))
        {
            // the script-specific transform left letters it does not know (e.g. Cyrillic Ӫ): try the generic one
            var generic = Open(GenericTransform)?.Transliterate(result);
            if (!string.IsNullOrEmpty(generic)) result = generic;
        }
        return result;
    }

    /// <summary>
    /// Non-Han text with spaces, word by word through the cache: words recur far more than whole names, and the key
    /// tokens R8 romanises next are mostly these same words. Same result as the whole text because the context rules
    /// of these transforms (Hangul jamo, kana, Cyrillic/Greek letter context, Latin-ASCII) act within a word — checked
    /// on every distinct name of 1M synthetic rows and datasets/ (byte-identical `names clean` output). Null (use the
    /// whole text) for Han (Han-Spacedhan spaces across words), when a word holds anything but script letters (see
    /// <see cref="IsScriptWord"/>), when a word would pick another transform than the text (the cache keys words
    /// alone), or when the transform does not keep ASCII as it is. RomanizerByWordTests compares with ICU whole.
    /// </summary>
    private string? ByWord(string text, string transform)
    {
        if (transform == StagedHanLatinTransform.ChainId || text.IndexOf(' ') < 0 || Open(transform)?.KeepsAscii != true) return null;
        var span = text.AsSpan();
        foreach (var range in span.Split(' '))
        {
            var word = span[range];
            if (!IsScriptWord(word) || (!IsAscii(word) && TransformFor(word) != transform)) return null;
        }
        var sb = _words.Clear();
        bool first = true;
        foreach (var range in span.Split(' '))
        {
            if (!first) sb.Append(' ');
            first = false;
            var word = span[range];
            if (IsAscii(word)) sb.Append(word);
            else sb.Append(Romanize(word.ToString()));
        }
        return sb.ToString();
    }

    /// <summary>
    /// All letters of one of the scripts below, or all ASCII letters. Anything else (ー, punctuation, digits,
    /// combining marks: ICU's Common/Inherited characters) joins the script run of a neighbouring word in the whole
    /// text and can be romanised differently alone ("안ー ソニー": the ー becomes a kana macron, then nothing).
    /// </summary>
    private static bool IsScriptWord(ReadOnlySpan<char> word)
    {
        if (word.Length == 0) return true;
        bool ascii = word[0] < 0x80;
        foreach (var c in word)
        {
            if (ascii ? !char.IsAsciiLetter(c) : !ScriptClass.IsRomanizedScriptLetter(c)) return false;
        }
        return true;
    }

    private static bool IsAscii(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (c >= 0x80) return false;
        return true;
    }

    private const string GenericTransform = "Any-Latin; Latin-ASCII";

    private TransformChain? Open(string id)
    {
        if (!_transliterators.TryGetValue(id, out var t))
        {
            t = TransformChain.TryOpen(_icu!, id) ?? TransformChain.TryOpen(_icu!, GenericTransform);
            _transliterators[id] = t;
        }
        return t;
    }

    private static bool HasNonAsciiLetter(string s)
    {
        foreach (var c in s) if (c >= 0x80 && char.IsLetter(c)) return true;
        return false;
    }

    private static string TransformFor(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (ScriptClass.IsCyrillic(c)) return "Russian-Latin/BGN; Any-Latin; Latin-ASCII";
            if (ScriptClass.IsGreek(c)) return "Greek-Latin/UNGEGN; Any-Latin; Latin-ASCII";
            if (c >= 0x4E00 && c <= 0x9FFF) return StagedHanLatinTransform.ChainId;
        }
        return "Any-Latin; Latin-ASCII";
    }

    public void Dispose()
    {
        foreach (var t in _transliterators.Values) t?.Dispose();
        if (_han.IsValueCreated) _han.Value?.Dispose();
        if (_wordBreak.IsValueCreated) _wordBreak.Value?.Dispose();
        _transliterators.Clear();
    }
}
