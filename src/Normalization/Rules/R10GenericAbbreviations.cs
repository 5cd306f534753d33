using System.Runtime.InteropServices;
using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R10: abbreviations of generic words map to one canonical token in keys (CORP/CORPORATION, INTL/INTERNATIONAL,
/// UNIV/UNIVERSITY ...). List: Data/lists/generic-abbreviations.tsv.
/// </summary>
internal sealed class R10GenericAbbreviations : NameRule
{
    public override string Id => "R10";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var map = context.Lexicon.GenericAbbreviations;
        bool fired = false;
        var tokens = CollectionsMarshal.AsSpan(d.Tokens);
        for (int i = 0; i < tokens.Length; i++)
        {
            if (map.TryGetValue(tokens[i].Match, out var canonical))
            {
                tokens[i].Match = canonical;
                fired = true;
            }
        }
        return fired;
    }
}
