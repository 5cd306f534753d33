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
    private readonly Dictionary<string, IcuTransliterator?> _transliterators = new(StringComparer.Ordinal);
    private readonly RomanizationCache _cache;
    private readonly Lazy<StagedHanLatinTransform?> _han;

    public Romanizer(IcuLibrary? icu, string unavailableReason, RomanizationCache? cache = null, Lazy<HanCharacterRules?>? hanCharacters = null)
    {
        _icu = icu;
        _cache = cache ?? new RomanizationCache(DefaultCacheGenerationSize);
        UnavailableReason = unavailableReason;
        _han = new Lazy<StagedHanLatinTransform?>(() => _icu == null ? null : StagedHanLatinTransform.TryCreate(_icu, hanCharacters?.Value), LazyThreadSafetyMode.None);
    }

    /// <summary>Per generation: the synthetic benchmark's 1M rows hold ~80k distinct non-Latin names plus their tokens.</summary>
    public const int DefaultCacheGenerationSize = 100_000;

    public bool Available => _icu != null;
    public string UnavailableReason { get; }

    /// <summary>Latin-ASCII romanisation of <paramref name="text"/>; empty when ICU is absent or fails.</summary>
    public string Romanize(string text)
    {
        if (_icu == null || text.Length == 0) return "";
        if (_cache.TryGet(text, out var cached)) return cached;
        var transform = TransformFor(text);
        var result = transform == StagedHanLatinTransform.ChainId && _han.Value is { } han
            ? han.Transliterate(text)
            : Open(transform)?.Transliterate(text) ?? "";
        if (HasNonAsciiLetter(result))
        {
            // the script-specific transform left letters it does not know (e.g. Cyrillic Ӫ): try the generic one
            var generic = Open(GenericTransform)?.Transliterate(result);
            if (!string.IsNullOrEmpty(generic)) result = generic;
        }
        _cache.Add(text, result);
        return result;
    }

    private const string GenericTransform = "Any-Latin; Latin-ASCII";

    private IcuTransliterator? Open(string id)
    {
        if (!_transliterators.TryGetValue(id, out var t))
        {
            t = IcuTransliterator.TryOpen(_icu!, id) ?? IcuTransliterator.TryOpen(_icu!, GenericTransform);
            _transliterators[id] = t;
        }
        return t;
    }

    private static bool HasNonAsciiLetter(string s)
    {
        foreach (var c in s) if (c >= 0x80 && char.IsLetter(c)) return true;
        return false;
    }

    private static string TransformFor(string text)
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
        _transliterators.Clear();
    }
}
