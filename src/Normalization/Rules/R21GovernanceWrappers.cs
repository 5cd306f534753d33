using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R21: governance wrappers of universities and public bodies (THE REGENTS OF, BOARD OF TRUSTEES OF, PRESIDENT AND
/// FELLOWS OF ...) go to role_prefix; a campus after a comma goes to org_unit. UNIV expands in R10.
/// </summary>
internal sealed class R21GovernanceWrappers : NameRule
{
    public override string Id => "R21";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var lexicon = context.Lexicon;
        bool fired = false;
        var p = lexicon.GovernanceWrappers.MatchAt(d.TokenSpan, 0, d.Tokens.Count - 1);
        if (p != null)
        {
            d.RolePrefix = d.SpanText(d.Tokens, 0, p.Tokens.Length);
            d.Tokens.RemoveRange(0, p.Tokens.Length);
            if (d.Tokens.Count >= 2 && lexicon.Articles.Contains(d.Tokens[0].Match)) d.Tokens.RemoveAt(0);
            fired = true;
        }
        if (d.Subtype == "university" && d.Tokens.Count >= 2 && d.Tokens[0].Segment != d.Tokens[^1].Segment)
        {
            int lastSegment = d.Tokens[^1].Segment;
            int from = d.Tokens.Count - 1;
            while (from > 0 && d.Tokens[from - 1].Segment == lastSegment) from--;
            if (from > 0 && from >= d.Tokens.Count - 3 &&
                Evidence.SubtypeEvidence.Find(d.TokenSpan, from, d.Tokens.Count, lexicon).Length == 0)
            {
                d.OrgUnit = PartyDraft.Append(d.OrgUnit, d.SpanText(d.Tokens, from, d.Tokens.Count));
                d.Tokens.RemoveRange(from, d.Tokens.Count - from);
                fired = true;
            }
        }
        return fired;
    }
}
