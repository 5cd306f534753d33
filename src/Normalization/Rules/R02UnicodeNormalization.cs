using System.Globalization;
using System.Text;
using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R2: display in NFC; control, format (zero-width, bidi) and unpaired surrogate characters removed; every kind of
/// space becomes a plain space; line breaks are kept for R4/R15. Keys get NFKC folding in the tokenizer.
/// </summary>
internal sealed class R02UnicodeNormalization : INameRule
{
    public string Id => "R2";

    public bool Apply(PartyDraft d, RuleContext context)
    {
        var s = d.Text;
        bool plain = true;
        foreach (var c in s)
        {
            if (c < 0x20 || c >= 0x7F) { plain = false; break; }
        }
        if (plain) return false;

        var sb = context.Scratch.Clear();
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
        var cleaned = sb.ToString();
        try
        {
            if (!cleaned.IsNormalized(NormalizationForm.FormC)) cleaned = cleaned.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // invalid code point sequences cannot be normalised; the cleaned string is still usable
        }
        bool changed = !string.Equals(cleaned, s, StringComparison.Ordinal);
        d.Text = cleaned;
        return changed;
    }
}
