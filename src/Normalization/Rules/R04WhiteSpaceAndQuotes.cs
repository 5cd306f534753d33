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
        var sb = context.Scratch.Clear();
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
            if (c is '"' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' or '\u201F' or '\u2033') { space = space || false; continue; }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        // leading markers left by data entry
        int a = 0;
        while (a < sb.Length && (sb[a] is '*' or '-' or '#' or '>' or '+' or '=' or '~' or '_' or '.' or ',' or ';' or ':' or '|' or '\u2022' or '\u00B7' or '\u2013' or '\u2014' || sb[a] == ' ')) a++;
        int b = sb.Length;
        // trailing separators and lone periods (e.g. "AKZO NOBEL N.V.      .")
        while (b > a)
        {
            char c = sb[b - 1];
            if (c is ',' or ';' or ':' or '*' or '|' or '_' or '-' or '/' || c == ' ') { b--; continue; }
            if (c == '.' && b - 2 >= a && (sb[b - 2] == ' ' || sb[b - 2] == '.')) { b--; continue; }
            break;
        }
        var result = b > a ? sb.ToString(a, b - a) : "";
        bool changed = !string.Equals(result, s, StringComparison.Ordinal);
        d.Text = result;
        return changed;
    }

    private static void TrimEndSpace(System.Text.StringBuilder sb)
    {
        while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
    }
}
