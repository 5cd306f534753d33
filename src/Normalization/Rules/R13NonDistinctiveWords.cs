using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R13: non-distinctive company words (COMPANY, CORPORATION, GROUP, HOLDING(S), SOCIETE, SOCIETE DITE, INCORPORATED)
/// leave the key at the start or the end only, and never leave it empty. BOEING COMPANY -> BOEING.
/// </summary>
internal sealed class R13NonDistinctiveWords : NameRule
{
    public override string Id => "R13";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var words = context.Lexicon.NonDistinctiveWords;
        bool fired = false;
        while (d.Tokens.Count >= 2)
        {
            var p = words.MatchEndingAt(d.TokenSpan, d.Tokens.Count, 1);
            if (p == null) break;
            d.Tokens.RemoveRange(d.Tokens.Count - p.Tokens.Length, p.Tokens.Length);
            // "ROCHE & CO" leaves a dangling AND
            if (d.Tokens.Count >= 2 && d.Tokens[^1].Match == "AND") d.Tokens.RemoveAt(d.Tokens.Count - 1);
            fired = true;
        }
        while (d.Tokens.Count >= 2)
        {
            var p = words.MatchAt(d.TokenSpan, 0, d.Tokens.Count - 1);
            if (p == null) break;
            d.Tokens.RemoveRange(0, p.Tokens.Length);
            fired = true;
        }
        return fired;
    }
}
