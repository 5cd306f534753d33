using System.Collections.Frozen;
using System.Text;
using Names.Normalization.Lexicon;

namespace Names.Normalization.Transliteration;

/// <summary>
/// Korean names written in hanja are read in Korean, not in Mandarin: each ideograph becomes its Hangul syllable
/// (Unihan kHangul, lists/hanja-readings.tsv), and ICU's Hangul romanisation follows, so 三星電子 meets 삼성전자 and
/// SAMSEONG. Persons take the reading approved for personal names where it differs (金 김, not 금). The first syllable
/// of a word follows South Korea's initial sound law (두음법칙: 李 리 -> 이, 盧 로 -> 노), as names are written there.
/// </summary>
internal sealed class HanjaReadings
{
    private const int FirstSyllable = 0xAC00, SyllableCount = 11172, VowelsTimesFinals = 21 * 28;
    private const int InitialN = 2, InitialR = 5, InitialSilent = 11;

    private readonly FrozenDictionary<char, (string Reading, string NameReading)> _table;

    private HanjaReadings(FrozenDictionary<char, (string, string)> table) => _table = table;

    public static HanjaReadings Load(string path) => new(EmbeddedDataFile.ReadTsv(path)
        .Where(f => f.Length >= 2 && f[0].Length == 1)
        .ToFrozenDictionary(f => f[0][0], f => (f[1], f.Length >= 3 ? f[2] : f[1])));

    /// <summary>True when <paramref name="text"/> holds an ideograph this table reads.</summary>
    public bool Reads(string text)
    {
        foreach (var c in text) if (_table.ContainsKey(c)) return true;
        return false;
    }

    /// <summary><paramref name="text"/> with every ideograph replaced by its Hangul reading; other characters unchanged.</summary>
    public string ToHangul(string text, bool person)
    {
        var sb = new StringBuilder(text.Length);
        bool wordStart = true;
        foreach (var c in text)
        {
            if (_table.TryGetValue(c, out var r))
            {
                var reading = person ? r.NameReading : r.Reading;
                sb.Append(wordStart ? WordInitial(reading[0]) : reading[0]).Append(reading.AsSpan(1));
                wordStart = false;
                continue;
            }
            sb.Append(c);
            wordStart = !IsHangulSyllable(c);
        }
        return sb.ToString();
    }

    private static bool IsHangulSyllable(char c) => c >= FirstSyllable && c < FirstSyllable + SyllableCount;

    /// <summary>The initial sound law: initial ㄹ becomes ㅇ before i/y and ㄴ otherwise; initial ㄴ becomes ㅇ before i/y.</summary>
    internal static char WordInitial(char syllable)
    {
        if (!IsHangulSyllable(syllable)) return syllable;
        int s = syllable - FirstSyllable;
        int initial = s / VowelsTimesFinals, vowel = s % VowelsTimesFinals / 28, final = s % 28;
        bool iotated = vowel is 2 or 3 or 6 or 7 or 12 or 17 or 20; // ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ
        if (initial == InitialR) initial = iotated ? InitialSilent : InitialN;
        else if (initial == InitialN && iotated) initial = InitialSilent;
        return (char)(FirstSyllable + initial * VowelsTimesFinals + vowel * 28 + final);
    }
}
