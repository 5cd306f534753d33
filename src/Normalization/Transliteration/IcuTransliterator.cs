namespace Names.Normalization.Transliteration;

/// <summary>
/// One opened ICU transliterator (e.g. "Any-Latin; Latin-ASCII"). ICU transliterators are not thread-safe: each
/// thread owns its own instances (see <see cref="Romanizer"/>). The native object is released by the SafeHandle.
/// </summary>
internal sealed unsafe class IcuTransliterator : IDisposable
{
    private readonly IcuLibrary _icu;
    private readonly IcuHandle _handle;
    // reused across calls (one owner thread): ICU needs room to grow the text in place, ~4x for romanisation
    private char[] _buffer = new char[256];

    /// <summary>Space to tilde: what the ASCII shortcuts around ICU pass through unchanged, once ICU is checked to do so.</summary>
    internal const string PrintableAscii = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    private const int MaxKeptBuffer = 1 << 15;

    private IcuTransliterator(IcuLibrary icu, IcuHandle handle)
    {
        _icu = icu;
        _handle = handle;
    }

    public static IcuTransliterator? TryOpen(IcuLibrary icu, string id) => TryOpen(icu, id, null);

    /// <summary>Opens a transliterator by id, or from <paramref name="rules"/> (then <paramref name="id"/> only names it).</summary>
    public static IcuTransliterator? TryOpen(IcuLibrary icu, string id, string? rules)
    {
        int status = 0;
        nint ptr;
        fixed (char* p = id)
        fixed (char* r = rules)
        {
            ptr = icu.OpenU(p, id.Length, 0 /* UTRANS_FORWARD */, r, rules?.Length ?? 0, null, &status);
        }
        if (status > 0 || ptr == 0) return null;
        return new IcuTransliterator(icu, new IcuHandle(ptr, icu.Close));
    }

    /// <summary>The rule text of this transliterator (utrans_toRules), or null when ICU cannot give it.</summary>
    public string? Rules()
    {
        if (_icu.ToRules == null) return null;
        int capacity = 1 << 16;
        for (int attempt = 0; attempt < 4; attempt++)
        {
            var buffer = new char[capacity];
            int status = 0, length;
            fixed (char* b = buffer)
            {
                length = _icu.ToRules(_handle.DangerousGetHandle(), 0, b, capacity, &status);
            }
            if (status == 15 /* U_BUFFER_OVERFLOW_ERROR */ || length > capacity) { capacity = Math.Max(capacity * 2, length + 16); continue; }
            if (status > 0) return null;
            return new string(buffer, 0, length);
        }
        return null;
    }

    public string Transliterate(string text)
    {
        if (text.Length == 0) return text;
        int capacity = text.Length * 4 + 16;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var buffer = _buffer.Length >= capacity ? _buffer : new char[capacity];
            if (capacity <= MaxKeptBuffer) _buffer = buffer; // a freak 1 MB field must not stay pinned in memory
            capacity = buffer.Length;
            text.CopyTo(0, buffer, 0, text.Length);
            int length = text.Length, limit = text.Length, status = 0;
            fixed (char* b = buffer)
            {
                _icu.TransUChars(_handle.DangerousGetHandle(), b, &length, capacity, 0, &limit, &status);
            }
            if (status == 15 /* U_BUFFER_OVERFLOW_ERROR */) { capacity = Math.Max(capacity * 2, length + 16); continue; }
            if (status > 0) return "";
            return new string(buffer, 0, Math.Min(length, capacity));
        }
        return "";
    }

    public void Dispose() => _handle.Dispose();
}
