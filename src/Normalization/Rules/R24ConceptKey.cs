using Names.Normalization.Pipeline;
using Names.Normalization.Text;

namespace Names.Normalization.Rules;

/// <summary>
/// R24: the concept key of an organisation, the language-free form of its key: generic words as their concept
/// (#UNIVERSITY), function words (OF, THE, DOS, DER ...) left out, place names already folded by R22, words sorted so
/// that order does not count. "UNIVERSIDADE DOS AÇORES" and "University of the Azores" both give "#UNIVERSITY AZORES";
/// "Tokyo University" and "University of Tokyo" both "#UNIVERSITY TOKYO". Both are empty for persons.
/// Also the folded key of an organisation: its key words with romanisation variants folded
/// (<see cref="RomanisationFolding"/>: YANDEKS -> YANDEX, SAMSEONG -> SAMSUNG, SHINAGAWA/SINAGAWA), empty when equal to the key.
/// </summary>
internal sealed class R24ConceptKey : NameRule
{
    public const char ConceptMark = '#';

    public override string Id => "R24";

    /// <summary>Ordinal order as a delegate made once: <c>List.Sort(IComparer)</c> makes one per call.</summary>
    private static readonly Comparison<string> OrdinalOrder = string.CompareOrdinal;

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        if (d.IsPerson || d.KeyTokens.Count == 0) return false;
        bool folded = Fold(d, context);
        d.Initials = R25Acronyms.Initials(d, context);
        var lexicon = context.Lexicon;
        if (d.KeyTokens.Count == 1 && !lexicon.Concepts.IsConcept(d.KeyTokens[0]))
        {
            d.ConceptKey = d.KeyTokens[0]; // one word: the key itself, no copy
            return folded;
        }
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
        words.Sort(OrdinalOrder);
        var sb = context.Scratch.Clear();
        for (int i = 0; i < words.Count; i++)
        {
            if (i > 0 && words[i] == words[i - 1]) continue;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(words[i]);
        }
        words.Clear();
        d.ConceptKey = sb.ToString();
        return changed || folded;
    }

    private static bool Fold(PartyDraft d, RuleContext context)
    {
        var keys = d.KeyTokens;
        int first = -1;
        var sb = context.Scratch2;
        string? firstFolded = null;
        for (int i = 0; i < keys.Count && first < 0; i++)
        {
            var f = RomanisationFolding.Fold(keys[i], sb);
            if (!ReferenceEquals(f, keys[i])) { first = i; firstFolded = f; }
        }
        if (first < 0) return false;
        var key = context.Scratch.Clear();
        for (int i = 0; i < keys.Count; i++)
        {
            if (keys[i].Length == 0) continue;
            if (key.Length > 0) key.Append(' ');
            key.Append(i < first ? keys[i] : i == first ? firstFolded : RomanisationFolding.Fold(keys[i], sb));
        }
        d.FoldedKey = key.ToString();
        return true;
    }
}
