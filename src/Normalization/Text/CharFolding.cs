using System.Globalization;
using System.Text;

namespace Names.Normalization.Text;

/// <summary>
/// R5/R7 at character level: upper-case and diacritic folding for keys. Latin letters with marks fold to their base
/// letter; letters that decomposition does not fold (Ø, Ł, Đ, ß, Æ, Œ, Þ ...) are mapped explicitly.
/// Tables are built once and never change.
/// </summary>
internal static class CharFolding
{
    private const int LatinTableEnd = 0x0250;
    private const int LatinExtAdditionalStart = 0x1E00;
    private const int LatinExtAdditionalEnd = 0x1F00;

    // null = no folding needed (ASCII or not a Latin letter); otherwise the upper-case ASCII replacement.
    private static readonly string?[] Latin = BuildTable(0, LatinTableEnd);
    private static readonly string?[] LatinAdditional = BuildTable(LatinExtAdditionalStart, LatinExtAdditionalEnd);

    private static string?[] BuildTable(int from, int to)
    {
        var table = new string?[to - from];
        for (int c = Math.Max(from, 0x80); c < to; c++)
        {
            table[c - from] = FoldOne((char)c);
        }
        return table;
    }

    private static string? FoldOne(char c)
    {
        switch (c)
        {
            case 'ß': return "SS";
            case 'ẞ': return "SS";
            case 'Æ': case 'æ': return "AE";
            case 'Œ': case 'œ': return "OE";
            case 'Ø': case 'ø': return "O";
            case 'Ł': case 'ł': return "L";
            case 'Đ': case 'đ': case 'Ð': case 'ð': return "D";
            case 'Þ': case 'þ': return "TH";
            case 'ı': return "I";
            case 'ĸ': return "K";
            case 'Ŋ': case 'ŋ': return "NG";
            case 'Ħ': case 'ħ': return "H";
            case 'Ŧ': case 'ŧ': return "T";
            case 'ſ': return "S";
            case 'ƒ': return "F";
            case 'Ĳ': case 'ĳ': return "IJ";
            case 'ŉ': return "N";
            case 'Ƶ': case 'ƶ': return "Z";
            case 'Ɨ': case 'ɨ': return "I";
        }
        if (!char.IsLetter(c)) return null;
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var b = decomposed[0];
        if (b < 0x80 && char.IsAsciiLetter(b)) return char.ToUpperInvariant(b).ToString();
        return null;
    }

    /// <summary>True for characters in the ranges that NFKC changes and that names contain (full-width, ligatures, enclosed ...).</summary>
    public static bool NeedsCompatibilityDecomposition(char c) =>
        (c >= 0xFB00 && c <= 0xFB4F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2100 && c <= 0x24FF) ||
        (c >= 0x3200 && c <= 0x33FF) || (c >= 0x2070 && c <= 0x209F) ||
        c == 0x00AA || c == 0x00BA || (c >= 0x00B2 && c <= 0x00B3) || c == 0x00B9 || (c >= 0x00BC && c <= 0x00BE);

    /// <summary>
    /// Appends the key form of <paramref name="c"/> to <paramref name="sb"/>. Returns what happened so the caller can
    /// record which rules fired.
    /// </summary>
    public static FoldResult Append(StringBuilder sb, char c)
    {
        if (c < 0x80)
        {
            if (c >= 'a' && c <= 'z') { sb.Append((char)(c - 32)); return FoldResult.CaseChanged; }
            sb.Append(c);
            return FoldResult.None;
        }
        if (c < LatinTableEnd)
        {
            var f = Latin[c];
            if (f != null) { sb.Append(f); return FoldResult.DiacriticFolded; }
            sb.Append(char.ToUpperInvariant(c));
            return FoldResult.None;
        }
        if (c >= LatinExtAdditionalStart && c < LatinExtAdditionalEnd)
        {
            var f = LatinAdditional[c - LatinExtAdditionalStart];
            if (f != null) { sb.Append(f); return FoldResult.DiacriticFolded; }
        }
        if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.SpacingCombiningMark)
        {
            return FoldResult.DiacriticFolded; // a combining mark folds away in keys
        }
        if (c >= GeorgianMtavruliStart && c <= GeorgianMtavruliEnd)
        {
            // Georgian is written in one case (Mkhedruli); Unicode 11's capitals (Mtavruli) fold down to it, and
            // Mkhedruli is not upper-cased: ICU romanises Mkhedruli only
            sb.Append((char)(c - GeorgianMtavruliStart + GeorgianMkhedruliStart));
            return FoldResult.CaseChanged;
        }
        if (c >= GeorgianMkhedruliStart && c <= GeorgianMkhedruliEnd)
        {
            sb.Append(c);
            return FoldResult.None;
        }
        var upper = char.ToUpperInvariant(c);
        sb.Append(upper);
        return upper != c ? FoldResult.CaseChanged : FoldResult.None;
    }

    /// <summary>The text with Georgian capitals (Mtavruli, Unicode 11) written as ordinary Mkhedruli letters.</summary>
    public static string GeorgianInMkhedruli(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange(GeorgianMtavruliStart, GeorgianMtavruliEnd) < 0) return text;
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                span[i] = c >= GeorgianMtavruliStart && c <= GeorgianMtavruliEnd ? (char)(c - GeorgianMtavruliStart + GeorgianMkhedruliStart) : c;
            }
        });
    }

    private const char GeorgianMkhedruliStart = '\u10D0', GeorgianMkhedruliEnd = '\u10FF';
    private const char GeorgianMtavruliStart = '\u1C90', GeorgianMtavruliEnd = '\u1CBF';
}

[Flags]
internal enum FoldResult
{
    None = 0,
    CaseChanged = 1,
    DiacriticFolded = 2,
}
