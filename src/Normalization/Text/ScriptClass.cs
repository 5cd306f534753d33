namespace Names.Normalization.Text;

/// <summary>R8: the script families the normaliser distinguishes, by code point ranges.</summary>
internal static class ScriptClass
{
    /// <summary>Han, Kana, Hangul (CJK names are not split on spaces; East Asian person order).</summary>
    public static bool IsCjk(int cp) =>
        (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3100 && cp <= 0x31FF) ||
        (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
        (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x3005 || (cp >= 0x3220 && cp <= 0x325F);

    public static bool IsThai(int cp) => cp >= 0x0E00 && cp <= 0x0E7F;

    /// <summary>Han, kana, Hangul and Thai: scripts whose words are not (or not always) separated by spaces (R8 splits them).</summary>
    public static bool IsWrittenWithoutSpaces(int cp) => IsCjk(cp) || IsThai(cp);

    public static bool IsHangul(int cp) => (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F);

    public static bool IsKana(int cp) => cp >= 0x3040 && cp <= 0x30FF;

    /// <summary>Hiragana and katakana letters (not ー, ・ or the voicing marks).</summary>
    public static bool IsKanaLetter(char c) => (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA);

    public static bool IsCyrillic(int cp) => cp >= 0x0400 && cp <= 0x052F;

    public static bool IsGreek(int cp) => (cp >= 0x0370 && cp <= 0x03FF) || (cp >= 0x1F00 && cp <= 0x1FFF);

    /// <summary>Latin letters (with their extensions) and everything below U+0250 need no transliteration.</summary>
    public static bool IsLatinOrCommon(int cp) =>
        cp < 0x0250 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2C60 && cp <= 0x2C7F) || (cp >= 0xA720 && cp <= 0xA7FF) ||
        (cp >= 0xFB00 && cp <= 0xFB06) || (cp >= 0xFF00 && cp <= 0xFF5E) || (cp >= 0x0300 && cp <= 0x036F);

    /// <summary>
    /// A letter of a script that ICU's Any-Latin romanises as a run of its own (never Common or Inherited in
    /// Unicode's Scripts.txt: not ー, punctuation, digits or combining marks, which join a neighbouring run): Hangul,
    /// kana, Cyrillic, Greek, Hebrew, Arabic letters.
    /// </summary>
    public static bool IsRomanizedScriptLetter(char c) =>
        (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3131 && c <= 0x318E) // Hangul
        || IsKanaLetter(c) || (c >= 0xFF66 && c <= 0xFF6F) || (c >= 0xFF71 && c <= 0xFF9D) // kana
        || (c >= 0x0400 && c <= 0x0481) || (c >= 0x048A && c <= 0x052F) // Cyrillic letters
        || (c >= 0x0388 && c <= 0x03E1 && c != 0x038B && c != 0x038D) || c == 0x0386 // Greek letters
        || (c >= 0x05D0 && c <= 0x05EA) // Hebrew letters
        || (c >= 0x0620 && c <= 0x064A && c != 0x0640); // Arabic letters (not the tatweel, which is Common)

    /// <summary>A Latin-script letter (precomposed; not µ, which is Common).</summary>
    public static bool IsLatinLetter(char c) =>
        char.IsLetter(c) && c != 0xB5 && (c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF));
}
