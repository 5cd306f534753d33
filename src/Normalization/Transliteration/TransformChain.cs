namespace Names.Normalization.Transliteration;

/// <summary>
/// An ICU transform chain ("Any-Latin; Latin-ASCII") whose last step, Latin-ASCII, runs only on text the steps before
/// it left with a non-ASCII character. Over a whole text ICU runs a chain's steps one after the other, and Latin-ASCII
/// leaves ASCII as it is (checked when opened), so the result is the chain's own; but Latin-ASCII costs ~9 µs per word
/// even on ASCII (its mark-removal rule is tried at every Latin letter), which was two thirds of romanising a Hangul
/// name. A chain without that last step, or where the check fails, runs in ICU as one. One owner thread, like
/// <see cref="IcuTransliterator"/>.
/// </summary>
internal sealed class TransformChain : IDisposable
{
    private const string LatinAsciiStep = "; Latin-ASCII";
    private readonly IcuTransliterator _head;
    private readonly IcuTransliterator? _latinAscii;
    private bool? _keepsAscii;

    private TransformChain(IcuTransliterator head, IcuTransliterator? latinAscii)
    {
        _head = head;
        _latinAscii = latinAscii;
    }

    public static TransformChain? TryOpen(IcuLibrary icu, string id)
    {
        if (id.EndsWith(LatinAsciiStep, StringComparison.Ordinal)
            && IcuTransliterator.TryOpen(icu, id[..^LatinAsciiStep.Length]) is { } head)
        {
            if (IcuTransliterator.TryOpen(icu, "Latin-ASCII") is { } latinAscii && LeavesAscii(latinAscii)) return new TransformChain(head, latinAscii);
            head.Dispose();
        }
        return IcuTransliterator.TryOpen(icu, id) is { } whole ? new TransformChain(whole, null) : null;
    }

    /// <summary>Every ASCII character, controls included: the head's result may hold any of them.</summary>
    private static bool LeavesAscii(IcuTransliterator t)
    {
        var ascii = new string(Enumerable.Range(1, 0x7E).Select(i => (char)i).ToArray());
        if (t.Transliterate(ascii) == ascii) return true;
        t.Dispose();
        return false;
    }

    /// <summary>Whether the chain leaves printable ASCII as it is (asked once): callers may then pass ASCII words
    /// through without it.</summary>
    public bool KeepsAscii => _keepsAscii ??= Transliterate(IcuTransliterator.PrintableAscii) == IcuTransliterator.PrintableAscii;

    public string Transliterate(string text)
    {
        var result = _head.Transliterate(text);
        return _latinAscii == null || System.Text.Ascii.IsValid(result) ? result : _latinAscii.Transliterate(result);
    }

    public void Dispose()
    {
        _head.Dispose();
        _latinAscii?.Dispose();
    }
}
