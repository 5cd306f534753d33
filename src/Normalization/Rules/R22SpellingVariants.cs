using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R22: spelling and language variants of common words are harmonised in keys from a dictionary
/// (SYSTEMS/SYSTEMEN/SYSTEMES), generic organisation words of any language become their concept's word
/// (UNIVERSIDADE, DAIGAKU, YLIOPISTO -> UNIVERSITY), and place names their one form (ACORES -> AZORES, MUNCHEN ->
/// MUNICH). Other distinctive words are never rewritten (ARTEC and ORTEC stay different).
/// </summary>
internal sealed class R22SpellingVariants : NameRule
{
    public override string Id => "R22";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var lexicon = context.Lexicon;
        bool fired = false;
        var keys = d.KeyTokens;
        for (int i = 0; i < keys.Count; i++)
        {
            var k = keys[i];
            if (lexicon.SpellingVariants.TryGetValue(k, out var canonical) || (!d.IsPerson && lexicon.PlaceExonyms.TryGetValue(k, out canonical)))
            {
                if (string.Equals(canonical, k, StringComparison.Ordinal)) continue;
                keys[i] = canonical;
                fired = true;
            }
            else if (!d.IsPerson && lexicon.Concepts.TryGet(k, out var concept) && (concept.Length > 1 || !string.Equals(concept[0], k, StringComparison.Ordinal)))
            {
                keys[i] = concept[0];
                if (concept.Length > 1) keys.InsertRange(i + 1, concept.AsSpan(1).ToArray());
                i += concept.Length - 1;
                fired = true;
            }
        }
        return fired;
    }
}
