using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R20: internal units (... RESEARCH DEPT, ... MUNICH BRANCH, DEPARTMENT OF PHYSICS, UNIVERSITY OF X) go to org_unit.
/// Separately incorporated subsidiaries keep their own keys (ACME FRANCE SAS is not ACME INC): only unit words move.
/// </summary>
internal sealed class R20OrganisationUnits : NameRule
{
    public override string Id => "R20";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        if (d.Subtype == "government" || d.Tokens.Count < 2) return false;
        var units = context.Lexicon.DepartmentWords;
        var tokens = d.Tokens;

        // a comma segment that names a unit, when another segment remains
        if (tokens[0].Segment != tokens[^1].Segment)
        {
            int segStart = 0;
            while (segStart < tokens.Count)
            {
                int segEnd = segStart + 1;
                while (segEnd < tokens.Count && tokens[segEnd].Segment == tokens[segStart].Segment) segEnd++;
                if (segEnd - segStart < tokens.Count && units.FindFirst(d.TokenSpan, segStart, segEnd) != null)
                {
                    d.OrgUnit = PartyDraft.Append(d.OrgUnit, d.SpanText(tokens, segStart, segEnd));
                    tokens.RemoveRange(segStart, segEnd - segStart);
                    return true;
                }
                segStart = segEnd;
            }
        }

        // trailing unit word with the word before it: "... RESEARCH DEPT", "... MUNICH BRANCH"
        var p = units.MatchEndingAt(d.TokenSpan, tokens.Count, 1);
        if (p != null)
        {
            int from = tokens.Count - p.Tokens.Length;
            if (from >= 2) from--;
            d.OrgUnit = PartyDraft.Append(d.OrgUnit, d.SpanText(tokens, from, tokens.Count));
            tokens.RemoveRange(from, tokens.Count - from);
            return true;
        }
        return false;
    }
}
