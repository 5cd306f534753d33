using System.Globalization;
using System.Text;
using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R2: display in NFC; control, format (zero-width, bidi) and unpaired surrogate characters removed; every kind of
/// space becomes a plain space; line breaks are kept for R4/R15. Keys get NFKC folding in the tokenizer.
/// </summary>
internal sealed class R02UnicodeNormalization : NameRule
{
    public override string Id => "R2";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var s = d.Text;
        bool plain = true;
        foreach (var c in s)
        {
            if (c < 0x20 || c >= 0x7F) { plain = false; break; }
        }
        if (plain) return false;

        var cleaned = CleanAndCompose(s, context.Scratch);
        bool changed = !string.Equals(cleaned, s, StringComparison.Ordinal);
        d.Text = cleaned;
        return changed;
    }

    /// <summary>R2 for text that enters after this rule ran (the structured family and given name columns of R17):
    /// the same cleaning, and line breaks become spaces there.</summary>
    public static string CleanField(string s, StringBuilder scratch) => CleanAndCompose(s, scratch).Replace('\n', ' ');

    private static string CleanAndCompose(string s, StringBuilder scratch)
    {
        // most non-ASCII names (Müller, 株式会社) need no character removed or replaced: keep the string itself
        var cleaned = NeedsCleaning(s) ? Clean(s, scratch) : s;
        try
        {
            if (!IsTriviallyNfc(cleaned) && !cleaned.IsNormalized(NormalizationForm.FormC)) cleaned = cleaned.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // invalid code point sequences cannot be normalised; the cleaned string is still usable
        }
        return cleaned;
    }

    /// <summary>
    /// Text of characters that are their own NFC form and never compose with a neighbour: everything below U+0300
    /// (combining marks start there), Hangul syllables (only a following trailing jamo composes with them), CJK
    /// ideographs and kana letters (only the voicing marks U+3099/U+309A compose). Asking ICU costs ~1.5 µs for a Hangul
    /// name. R02UnicodeNormalizationTests checks every character of these ranges.
    /// </summary>
    internal static bool IsTriviallyNfc(string s)
    {
        foreach (var c in s)
        {
            if (c < 0x300 || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
                || Text.ScriptClass.IsKanaLetter(c)) continue;
            return false;
        }
        return true;
    }

    /// <summary>True when <see cref="Clean"/> would remove or replace some character.</summary>
    private static bool NeedsCleaning(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c >= 0x20 && c < 0x7F) continue;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return true;
                if (CharUnicodeInfo.GetUnicodeCategory(s, i) is UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned) return true;
                i++;
                continue;
            }
            if (char.IsLowSurrogate(c)) return true;
            if (c == '\n') continue;
            if (c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085') return true;
            if (c == '\t' || c == '\u00A0' || c == '\u3000' || c == '\u202F' || c == '\u2007') return true;
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned || c == '\uFFFD' || c == '\uFFFE' || c == '\uFFFF')
            {
                return true;
            }
            if (category == UnicodeCategory.SpaceSeparator && c != ' ') return true;
        }
        return false;
    }

    private static string Clean(string s, StringBuilder sb)
    {
        sb.Clear();
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    var cat = CharUnicodeInfo.GetUnicodeCategory(s, i);
                    if (cat is not (UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned))
                    {
                        sb.Append(c).Append(s[i + 1]);
                    }
                    i++;
                }
                continue; // unpaired high surrogate dropped
            }
            if (char.IsLowSurrogate(c)) continue;
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085') { sb.Append('\n'); continue; }
            if (c == '\t' || c == '\u00A0' || c == '\u3000' || c == '\u202F' || c == '\u2007') { sb.Append(' '); continue; }
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned || c == '\uFFFD' || c == '\uFFFE' || c == '\uFFFF')
            {
                continue;
            }
            if (category == UnicodeCategory.SpaceSeparator) { sb.Append(' '); continue; }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
