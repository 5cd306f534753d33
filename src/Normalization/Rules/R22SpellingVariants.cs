using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R22: spelling and language variants of common words are harmonised in keys from a dictionary
/// (SYSTEMS/SYSTEMEN/SYSTEMES). Distinctive words are never rewritten (ARTEC and ORTEC stay different).
/// </summary>
internal sealed class R22SpellingVariants : NameRule
{
    public override string Id => "R22";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var map = context.Lexicon.SpellingVariants;
        bool fired = false;
        var keys = d.KeyTokens;
        for (int i = 0; i < keys.Count; i++)
        {
            if (map.TryGetValue(keys[i], out var canonical) && !string.Equals(canonical, keys[i], StringComparison.Ordinal))
            {
                keys[i] = canonical;
                fired = true;
            }
        }
        return fired;
    }
}
