using System.Net;
using System.Text;
using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R3: HTML/SGML entities (L&amp;apos;OREAL), stray tags (MAX&lt;BR&gt;PLANCK) and office escape codes
/// ({UMLAUT OVER (O)}) become the characters they stand for. Mark names come from Data/lists/escape-marks.tsv.
/// </summary>
internal sealed class R03EscapeCodes : NameRule
{
    public override string Id => "R3";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var s = d.Text;
        bool changed = false;
        if (s.Contains('{')) changed |= DecodeOfficeEscapes(ref s, context);
        if (s.Contains('&')) changed |= DecodeEntities(ref s, context.Scratch);
        if (s.Contains('<')) changed |= StripTags(ref s, context.Scratch);
        if (changed)
        {
            try { s = s.Normalize(NormalizationForm.FormC); } catch (ArgumentException) { }
            d.Text = s;
        }
        return changed;
    }

    /// <summary>
    /// HTML entities, also upper-cased ones (&amp;AMP;, &amp;QUOT;) and "&amp;AMP" that lost its semicolon in an export.
    /// </summary>
    private static bool DecodeEntities(ref string s, StringBuilder sb)
    {
        sb.Clear();
        bool found = false;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            sb.Append(c);
            if (c != '&') continue;
            int k = i + 1;
            while (k < s.Length && k - i <= 10 && (char.IsAsciiLetterOrDigit(s[k]) || s[k] == '#')) k++;
            if (k == i + 1) continue;
            var name = s.AsSpan(i + 1, k - i - 1);
            bool semicolon = k < s.Length && s[k] == ';';
            if (semicolon)
            {
                foreach (var ch in name) sb.Append(char.IsAsciiLetterUpper(ch) && name.Length > 1 && IsAllUpper(name) ? char.ToLowerInvariant(ch) : ch);
                sb.Append(';');
                i = k;
                found = true;
            }
            else if (name.Equals("AMP", StringComparison.OrdinalIgnoreCase))
            {
                i = k - 1; // drop the stray "AMP": the '&' is already written
                found = true;
            }
        }
        if (!found) return false;
        var decoded = WebUtility.HtmlDecode(sb.ToString());
        bool changed = !string.Equals(decoded, s, StringComparison.Ordinal);
        s = decoded;
        return changed;
    }

    private static bool IsAllUpper(ReadOnlySpan<char> name)
    {
        foreach (var c in name) if (char.IsAsciiLetterLower(c)) return false;
        return true;
    }

    private static bool DecodeOfficeEscapes(ref string s, RuleContext context)
    {
        var sb = context.Scratch.Clear();
        bool changed = false;
        int i = 0;
        while (i < s.Length)
        {
            int open = s.IndexOf('{', i);
            if (open < 0) break;
            int close = s.IndexOf('}', open + 1);
            if (close < 0 || close - open > 60) break;
            sb.Append(s, i, open - i);
            var inner = s.AsSpan(open + 1, close - open - 1);
            if (TryDecode(inner, context, out var letter, out var mark))
            {
                sb.Append(letter).Append(mark);
                changed = true;
            }
            else
            {
                sb.Append(s, open, close - open + 1);
            }
            i = close + 1;
        }
        if (!changed) return false;
        sb.Append(s, i, s.Length - i);
        s = sb.ToString();
        return true;
    }

    // "UMLAUT OVER (O)", "CEDILLA UNDER (C)", "ACUTE (E)"
    private static bool TryDecode(ReadOnlySpan<char> inner, RuleContext context, out char letter, out char mark)
    {
        letter = mark = '\0';
        int lp = inner.IndexOf('('), rp = inner.IndexOf(')');
        if (lp < 0 || rp != lp + 2) return false;
        letter = inner[lp + 1];
        if (!char.IsLetter(letter)) return false;
        var name = inner[..lp].Trim().ToString().ToUpperInvariant();
        if (name.EndsWith(" OVER", StringComparison.Ordinal)) name = name[..^5].Trim();
        else if (name.EndsWith(" UNDER", StringComparison.Ordinal)) name = name[..^6].Trim();
        else if (name.EndsWith(" ABOVE", StringComparison.Ordinal)) name = name[..^6].Trim();
        return context.Lexicon.EscapeMarks.TryGetValue(name, out mark);
    }

    private static bool StripTags(ref string s, StringBuilder sb)
    {
        sb.Clear();
        bool changed = false;
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '<')
            {
                int close = s.IndexOf('>', i + 1);
                if (close > i && close - i <= 40 && LooksLikeTag(s.AsSpan(i + 1, close - i - 1)))
                {
                    sb.Append(' ');
                    i = close + 1;
                    changed = true;
                    continue;
                }
            }
            sb.Append(c);
            i++;
        }
        if (changed) s = sb.ToString();
        return changed;
    }

    private static bool LooksLikeTag(ReadOnlySpan<char> inner)
    {
        if (inner.Length == 0) return false;
        int k = inner[0] == '/' ? 1 : 0;
        if (k >= inner.Length || !char.IsAsciiLetter(inner[k])) return false;
        foreach (var c in inner) if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or ' ' or '=' or '"' or '\'' or '-')) return false;
        return true;
    }
}
