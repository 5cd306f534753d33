using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R24: the concept key of an organisation, the language-free form of its key: generic words as their concept
/// (#UNIVERSITY), function words (OF, THE, DOS, DER ...) left out, place names already folded by R22, words sorted so
/// that order does not count. "UNIVERSIDADE DOS AÇORES" and "University of the Azores" both give "#UNIVERSITY AZORES";
/// "Tokyo University" and "University of Tokyo" both "#UNIVERSITY TOKYO". Empty for persons.
/// </summary>
internal sealed class R24ConceptKey : NameRule
{
    public const char ConceptMark = '#';

    public override string Id => "R24";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        if (d.IsPerson || d.KeyTokens.Count == 0) return false;
        var lexicon = context.Lexicon;
        var words = context.KeyScratch;
        words.Clear();
        bool concept = false;
        foreach (var k in d.KeyTokens)
        {
            if (k.Length == 0 || lexicon.StopWords.Contains(k)) continue;
            if (lexicon.Concepts.IsConcept(k)) { words.Add(ConceptMark + k); concept = true; }
            else words.Add(k);
        }
        if (words.Count == 0) return false;
        bool changed = concept || words.Count != d.KeyTokens.Count;
        for (int i = 1; i < words.Count && !changed; i++) changed = string.CompareOrdinal(words[i - 1], words[i]) >= 0;
        words.Sort(StringComparer.Ordinal);
        var sb = context.Scratch.Clear();
        for (int i = 0; i < words.Count; i++)
        {
            if (i > 0 && words[i] == words[i - 1]) continue;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(words[i]);
        }
        words.Clear();
        d.ConceptKey = sb.ToString();
        return changed;
    }
}
