using System.Globalization;
using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// The numbers a name holds, so that numbers agree however they are written: tokens with digits (3M, 44; ordinals
/// 21ST = 21), runs of English number words as their value (FORTY FOUR and FORTY 4 = 44, THREE = 3, FIRST = 1;
/// Data/number-words.csv), and, in organisation names, roman numerals of two or more letters I, V, X (FUND II, FUND IV = 2, 4; a person's V or
/// XI is an initial or a name).
/// </summary>
public sealed class NumberReading
{
    private readonly Dictionary<string, int> _words;

    public NumberReading(IEnumerable<(string Word, int Value)> words) =>
        _words = words.ToDictionary(w => w.Word.ToUpperInvariant(), w => w.Value, StringComparer.Ordinal);

    private static readonly Lazy<NumberReading> Shared = new(() => new NumberReading(
        ResolverDataFile.ReadLines("number-words.csv").Select(l => l.Split(',')).Select(f => (f[0].Trim(), int.Parse(f[1], CultureInfo.InvariantCulture)))));

    /// <summary>The English number words shipped with the library.</summary>
    public static NumberReading Default => Shared.Value;

    /// <summary>
    /// The name-key tokens with numbers read: a run of number words becomes its value (FORTY FOUR -> 44), an ordinal
    /// its number (1ST, FIRST -> 1), a roman numeral of an organisation its value (III -> 3); other tokens unchanged.
    /// </summary>
    public string[] Rewrite(EntityKind kind, string[] tokens)
    {
        List<string>? result = null;
        int total = 0, current = 0;
        bool inRun = false, afterTens = false, afterMultiplier = false;
        for (int i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (_words.TryGetValue(t, out var v))
            {
                result ??= [.. tokens[..i]];
                // A word that cannot continue the number starts another one: SEVEN ELEVEN is 7 and 11 (as 7 ELEVEN), TWENTY ONE is 21.
                if (inRun && v < 100 && !(afterTens && v < 10) && !(afterMultiplier && current % 100 == 0))
                {
                    result.Add((total + current).ToString(CultureInfo.InvariantCulture));
                    total = current = 0;
                }
                if (v == 100) current = Math.Max(current, 1) * 100;
                else if (v == 1000) { total += Math.Max(current, 1) * 1000; current = 0; }
                else current += v;
                inRun = true;
                afterTens = v is >= 20 and < 100;
                afterMultiplier = v >= 100;
                continue;
            }
            // FORTY 4: a digit completing a tens word.
            if (afterTens && t.Length == 1 && char.IsAsciiDigit(t[0])) { current += t[0] - '0'; afterTens = false; continue; }
            if (inRun) result!.Add((total + current).ToString(CultureInfo.InvariantCulture));
            total = current = 0;
            inRun = afterTens = afterMultiplier = false;
            var read = Ordinal(t) ?? (kind != EntityKind.Person && Roman(t) is > 0 and var r ? r.ToString(CultureInfo.InvariantCulture) : null);
            if (read is not null) result ??= [.. tokens[..i]];
            result?.Add(read ?? t);
        }
        if (inRun) result!.Add((total + current).ToString(CultureInfo.InvariantCulture));
        return result?.ToArray() ?? tokens;
    }

    /// <summary>1ST, 2ND, 3RD, 11TH -> the digits; null for anything else.</summary>
    private static string? Ordinal(string t)
    {
        if (t.Length < 3 || !char.IsAsciiDigit(t[0])) return null;
        var suffix = t[^2..];
        if (suffix is not ("ST" or "ND" or "RD" or "TH")) return null;
        var digits = t[..^2];
        return digits.All(char.IsAsciiDigit) ? digits.TrimStart('0') is { Length: > 0 } d ? d : "0" : null;
    }

    /// <summary>Value of a well-formed roman numeral of two or more letters I, V, X (II ... XXXIX), else 0.</summary>
    private static int Roman(string t)
    {
        if (t.Length < 2) return 0;
        int value = 0;
        for (int i = 0; i < t.Length; i++)
        {
            int v = t[i] switch { 'I' => 1, 'V' => 5, 'X' => 10, _ => 0 };
            if (v == 0) return 0;
            int next = i + 1 < t.Length ? t[i + 1] switch { 'I' => 1, 'V' => 5, 'X' => 10, _ => 0 } : 0;
            value += v < next ? -v : v;
        }
        return value > 0 && Write(value) == t ? value : 0;
    }

    private static string Write(int value)
    {
        var tens = new string('X', value / 10);
        return tens + (value % 10) switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", 7 => "VII", 8 => "VIII", 9 => "IX", _ => "" };
    }
}
