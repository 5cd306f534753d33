using Names.Normalization.Pipeline;
using Names.Normalization.Text;

namespace Names.Normalization.Rules;

/// <summary>
/// R19: particles (von, van der, de la, di, Mc, O') stay with the family name, and keys compare them without spaces
/// or apostrophes: "van Gogh" has the key token VANGOGH. Also composes the person display "Family, Given".
/// </summary>
internal sealed class R19Particles : NameRule
{
    public override string Id => "R19";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        bool fired = false;
        var family = d.Family;
        for (int i = family.Count - 2; i >= 0; i--)
        {
            if (!context.Lexicon.Particles.Contains(family[i].Match)) continue;
            var next = family[i + 1];
            family[i] = new NameToken
            {
                Start = family[i].Start, End = next.End, Match = family[i].Match + next.Match,
                Flags = family[i].Flags | next.Flags, Segment = next.Segment,
            };
            family.RemoveAt(i + 1);
            fired = true;
        }
        ComposeDisplay(d);
        return fired;
    }

    private static void ComposeDisplay(PartyDraft d)
    {
        bool eastAsian = d.Family.Count > 0 && d.Family[0].Has(TokenFlags.Cjk);
        if (eastAsian) return; // written family first already; keep as filed
        var sb = new System.Text.StringBuilder();
        AppendTokens(sb, d, d.Family);
        if (d.Given.Count > 0)
        {
            if (sb.Length > 0) sb.Append(", ");
            AppendTokens(sb, d, d.Given);
        }
        if (d.Suffix.Length > 0 && sb.Length > 0) sb.Append(' ').Append(d.Suffix);
        if (sb.Length > 0) d.DisplayOverride = sb.ToString();
    }

    private static void AppendTokens(System.Text.StringBuilder sb, PartyDraft d, List<NameToken> tokens)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            if (i > 0) sb.Append(tokens[i].Start == tokens[i - 1].End + 1 && d.Text[tokens[i - 1].End] == '-' ? "-" : " ");
            var t = tokens[i];
            var text = d.Text.AsSpan(t.Start, t.End - t.Start);
            while (text.Length > 0 && text[^1] is ',' or ';') text = text[..^1];
            sb.Append(text);
        }
    }
}
