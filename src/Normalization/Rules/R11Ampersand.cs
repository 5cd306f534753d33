using Names.Normalization.Pipeline;
using Names.Normalization.Text;

namespace Names.Normalization.Rules;

/// <summary>
/// R11: '&amp;' and AND/UND/ET/Y/E between words become one token AND; '&amp;' between single letters (R&amp;D, B &amp; Q)
/// or glued between short capitals (AT&amp;T) stays part of an acronym. Connectors at either end are dropped.
/// </summary>
internal sealed class R11Ampersand : NameRule
{
    public override string Id => "R11";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var tokens = d.Tokens;
        var connectors = context.Lexicon.Connectors;
        bool fired = false;
        int words = 0;
        foreach (var t in tokens) if (!t.Has(TokenFlags.Ampersand) && !connectors.Contains(t.Match)) words++;
        if (words == 0) return false; // "Y &": nothing but connectors, keep them as the name
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            bool amp = t.Has(TokenFlags.Ampersand);
            if (!amp && !connectors.Contains(t.Match)) continue;
            // "E. I. DU PONT": a one-letter word with a period is an initial, not "and"
            if (!amp && t.Match.Length == 1 && (t.Has(TokenFlags.PeriodAfter) || i == 0 || i == tokens.Count - 1)) continue;
            if (i == 0 || i == tokens.Count - 1)
            {
                if (tokens.Count > 1) { tokens.RemoveAt(i); i--; fired = true; }
                continue;
            }
            var prev = tokens[i - 1];
            var next = tokens[i + 1];
            if (amp && IsAcronymPart(prev, next, t))
            {
                tokens[i - 1] = prev with { End = next.End, Match = prev.Match + "&" + next.Match };
                tokens.RemoveRange(i, 2);
                i--;
                fired = true;
                continue;
            }
            if (t.Match != "AND")
            {
                tokens[i] = t with { Match = "AND" };
                fired = true;
            }
        }
        return fired;
    }

    private static bool IsAcronymPart(in NameToken prev, in NameToken next, in NameToken amp)
    {
        if (prev.IsSingleLetter && next.IsSingleLetter) return true;
        bool glued = !prev.Has(TokenFlags.SpaceAfter) && !amp.Has(TokenFlags.SpaceBefore) && !amp.Has(TokenFlags.SpaceAfter);
        return glued && prev.Match.Length <= 3 && next.Match.Length <= 3 && !prev.Has(TokenFlags.HasLower) && !next.Has(TokenFlags.HasLower);
    }
}
