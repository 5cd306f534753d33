namespace Names.Host.Csv;

/// <summary>
/// The Windows-1252 code page, implemented directly so that no code-page package is needed. Bytes 0x80-0x9F map to
/// the characters Microsoft assigns; the five unassigned bytes map to the C1 control of the same value, as Windows'
/// own decoder does; every other byte is Latin-1.
/// </summary>
public static class Windows1252
{
    private static readonly char[] HighControls =
    {
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    };

    public static char ToChar(byte b) => b is >= 0x80 and <= 0x9F ? HighControls[b - 0x80] : (char)b;

    /// <summary>Decodes every byte of <paramref name="bytes"/> into <paramref name="chars"/> (one char per byte).</summary>
    public static void Decode(ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        for (var i = 0; i < bytes.Length; i++) chars[i] = ToChar(bytes[i]);
    }
}
