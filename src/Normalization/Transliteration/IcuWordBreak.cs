namespace Names.Normalization.Transliteration;

/// <summary>
/// R8: ICU's word break iterator (ubrk_open(UBRK_WORD)) over Han and kana text, which has no spaces: ICU's CJK
/// dictionary splits 华为技术 into 华为 / 技术 and 日立製作所 into 日立 / 製作所. One owner thread, like
/// <see cref="IcuTransliterator"/>; the native iterator is opened once and given each text in turn.
/// </summary>
internal sealed unsafe class IcuWordBreak : IDisposable
{
    private const int UbrkWord = 1;
    private const int UbrkDone = -1;
    private const int WordNoneLimit = 100; // rule status below 100: spaces and punctuation (UBRK_WORD_NONE)

    private readonly IcuLibrary _icu;
    private readonly IcuHandle _handle;

    private IcuWordBreak(IcuLibrary icu, IcuHandle handle)
    {
        _icu = icu;
        _handle = handle;
    }

    /// <summary>Opens a word break iterator, or null when this ICU lacks the break API.</summary>
    public static IcuWordBreak? TryOpen(IcuLibrary icu)
    {
        if (icu.BreakOpen == null) return null;
        int status = 0;
        nint ptr;
        fixed (byte* locale = "ja\0"u8) ptr = icu.BreakOpen(UbrkWord, locale, null, 0, &status); // the CJK dictionary serves Chinese and Japanese alike
        if (status > 0 || ptr == 0) return null;
        return new IcuWordBreak(icu, new IcuHandle(ptr, icu.BreakClose));
    }

    /// <summary>Adds the words of <paramref name="text"/> (spaces and punctuation left out) to <paramref name="words"/>.</summary>
    public void Split(string text, List<string> words)
    {
        if (text.Length == 0) return;
        var bi = _handle.DangerousGetHandle();
        fixed (char* p = text)
        {
            int status = 0;
            _icu.BreakSetText(bi, p, text.Length, &status);
            if (status > 0) { words.Add(text); return; }
            int start = _icu.BreakFirst(bi);
            for (int end = _icu.BreakNext(bi); end != UbrkDone; start = end, end = _icu.BreakNext(bi))
            {
                if (_icu.BreakRuleStatus(bi) >= WordNoneLimit) words.Add(text.Substring(start, end - start));
            }
            _icu.BreakSetText(bi, null, 0, &status); // the iterator must not keep a pointer into the unpinned string
        }
    }

    public void Dispose() => _handle.Dispose();
}
