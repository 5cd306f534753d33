using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R4: trim, collapse white space, drop double quotes (around the name or a word), drop leading data-entry markers
/// (* - # ...) and trailing separators. Line breaks become "; " so that R15 can see separate parties.
/// </summary>
internal sealed class R04WhiteSpaceAndQuotes : NameRule
{
    public override string Id => "R4";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var s = d.Text;
        if (!NeedsCleaning(s)) return false;
        var result = Clean(s, context.Scratch);
        bool changed = !string.Equals(result, s, StringComparison.Ordinal);
        d.Text = result;
        return changed;
    }

    internal static string Clean(string s, System.Text.StringBuilder sb)
    {
        sb.Clear();
        bool space = false;
        foreach (var c in s)
        {
            if (c == '\n')
            {
                TrimEndSpace(sb);
                if (sb.Length > 0 && sb[^1] != ';') sb.Append(';');
                space = true;
                continue;
            }
            if (c == ' ' || char.IsWhiteSpace(c)) { space = true; continue; }
            if (Quotes.Contains(c)) continue;
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        // leading markers left by data entry
        int a = 0;
        while (a < sb.Length && (IsLeadingMarker(sb[a]) || sb[a] == ' ')) a++;
        int b = sb.Length;
        // trailing separators and lone periods (e.g. "AKZO NOBEL N.V.      .")
        while (b > a)
        {
            char c = sb[b - 1];
            if (IsTrailingSeparator(c)) { b--; continue; }
            if (c == '.' && b - 2 >= a && (sb[b - 2] == ' ' || sb[b - 2] == '.')) { b--; continue; }
            break;
        }
        return b > a ? sb.ToString(a, b - a) : "";
    }

    /// <summary>
    /// False when the text is already what <see cref="Apply"/> makes of it (most names): no line break, quote, white
    /// space but single inner spaces, leading marker or trailing separator. Checked without building a new string.
    /// </summary>
    internal static bool NeedsCleaning(string s)
    {
        if (s.Length == 0) return false;
        if (IsLeadingMarker(s[0]) || s[0] == ' ') return true;
        char last = s[^1];
        if (IsTrailingSeparator(last) || (last == '.' && s.Length >= 2 && s[^2] is ' ' or '.')) return true;
        return s.AsSpan().IndexOfAny(Special) >= 0 || s.Contains("  ", StringComparison.Ordinal);
    }

    /// <summary>Double quotes of any style: dropped.</summary>
    private const string Quotes = "\"\u201C\u201D\u201E\u00AB\u00BB\u201F\u2033";

    /// <summary>Line breaks, quotes and every white space but the plain space (<c>char.IsWhiteSpace</c>'s set).</summary>
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(
        "\n" + Quotes + "\t\u000B\f\r\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000");

    private static bool IsTrailingSeparator(char c) => c is ',' or ';' or ':' or '*' or '|' or '_' or '-' or '/' or ' ';

    private static bool IsLeadingMarker(char c) =>
        c is '*' or '-' or '#' or '>' or '+' or '=' or '~' or '_' or '.' or ',' or ';' or ':' or '|' or '\u2022' or '\u00B7' or '\u2013' or '\u2014';

    private static void TrimEndSpace(System.Text.StringBuilder sb)
    {
        while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
    }
}
