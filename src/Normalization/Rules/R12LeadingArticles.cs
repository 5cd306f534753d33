using Names.Normalization.Pipeline;
using Names.Normalization.Text;

namespace Names.Normalization.Rules;

/// <summary>
/// R12: leading articles (THE, LE/LA/LES/L', DER/DIE/DAS, EL, IL) and a trailing ", THE" leave the key, unless the
/// name is on the exception list (L'OREAL, EL AL ...). "THE BOEING COMPANY" and "BOEING CO, THE" share a key.
/// </summary>
internal sealed class R12LeadingArticles : NameRule
{
    public override string Id => "R12";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var lexicon = context.Lexicon;
        var tokens = d.Tokens;
        if (tokens.Count < 2)
        {
            return tokens.Count == 1 && StripElidedArticle(d, context);
        }
        if (lexicon.ArticleExceptions.MatchAt(d.TokenSpan, 0, tokens.Count) != null) return false;
        bool fired = false;
        var last = tokens[^1];
        if (last.Has(TokenFlags.CommaBefore) && lexicon.Articles.Contains(last.Match))
        {
            tokens.RemoveAt(tokens.Count - 1);
            fired = true;
        }
        if (tokens.Count >= 2 && lexicon.Articles.Contains(tokens[0].Match) && !tokens[0].Has(TokenFlags.Apostrophe))
        {
            tokens.RemoveAt(0);
            fired = true;
        }
        fired |= StripElidedArticle(d, context);
        return fired;
    }

    // L'OREAL style: the article is glued with an apostrophe
    private static bool StripElidedArticle(PartyDraft d, RuleContext context)
    {
        if (d.Tokens.Count == 0) return false;
        var first = d.Tokens[0];
        if (!first.Has(TokenFlags.Apostrophe) || first.Match.Length < 3 || first.Match[0] != 'L') return false;
        if (d.Text.Length <= first.Start + 1 || d.Text[first.Start + 1] is not ('\'' or '\u2019' or '`' or '\u00B4')) return false;
        if (context.Lexicon.ArticleExceptions.MatchAt(d.TokenSpan, 0, d.Tokens.Count) != null) return false;
        d.Tokens[0] = first with { Match = first.Match[1..] };
        return true;
    }
}
