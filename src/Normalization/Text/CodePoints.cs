namespace Names.Normalization.Text;

/// <summary>Counting and cutting by code point, so that a supplementary character (a CJK extension ideograph, two
/// UTF-16 units) is never split into unpaired surrogates.</summary>
internal static class CodePoints
{
    public static int Count(string s)
    {
        var n = 0;
        for (var i = 0; i < s.Length; i++, n++)
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
        return n;
    }

    /// <summary>UTF-16 length of the first <paramref name="count"/> code points of <paramref name="s"/>.</summary>
    public static int Utf16Length(string s, int count)
    {
        var i = 0;
        for (var n = 0; n < count && i < s.Length; n++, i++)
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
        return i;
    }
}
