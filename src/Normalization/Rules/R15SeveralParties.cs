using Names.Normalization.Evidence;
using Names.Normalization.Pipeline;
using Names.Normalization.Text;

namespace Names.Normalization.Rules;

/// <summary>
/// R15: one field holding several parties is split on ';' / line breaks, or on '&amp;' / AND / UND / ET, but only when
/// every part is a complete party (its own legal form, an organisation keyword, or a person pattern):
/// "ALPHA GMBH; BETA AG" gives two parties, "BARNES &amp; NOBLE INC" one.
/// </summary>
internal sealed class R15SeveralParties : IPartySplitRule
{
    private const int MaxParties = 20;
    public string Id => "R15";

    public bool Split(PartyDraft field, List<PartyDraft> parties, Func<PartyDraft> newDraft, RuleContext context)
    {
        var tokens = field.TokenSpan;
        Span<int> cuts = stackalloc int[MaxParties];
        Span<bool> dropCut = stackalloc bool[MaxParties];
        // connectors and semicolons together first, so that a part never splits again when cleaned on its own
        for (int pass = 1; pass >= 0; pass--)
        {
            int n = 0;
            for (int i = 1; i < tokens.Length - 1 && n < MaxParties - 1; i++)
            {
                bool semicolon = tokens[i].Has(TokenFlags.SemicolonBefore);
                bool connector = pass == 1 && IsPartyConnector(tokens[i]);
                if (semicolon || connector)
                {
                    cuts[n] = i;
                    dropCut[n] = connector;
                    n++;
                }
            }
            if (n == 0) continue;
            // a composite legal form (GMBH & CO KG) at the end is never cut
            var form = context.Lexicon.LegalForms.MatchEnd(tokens, 1, tokens.Length, field.Country);
            if (form != null && cuts[n - 1] >= form.Value.Start) continue;
            if (AllComplete(tokens, cuts[..n], dropCut[..n], field, context) && (pass == 0 || SameKind(tokens, cuts[..n], dropCut[..n], field, context)))
            {
                Emit(field, parties, newDraft, cuts[..n], dropCut[..n]);
                return true;
            }
        }
        parties.Add(field);
        return false;
    }

    private static bool IsPartyConnector(in NameToken t) =>
        t.Has(TokenFlags.Ampersand) || t.Match is "AND" or "UND" or "ET";

    private static bool AllComplete(ReadOnlySpan<NameToken> tokens, ReadOnlySpan<int> cuts, ReadOnlySpan<bool> drop, PartyDraft field, RuleContext context)
    {
        int start = 0;
        for (int k = 0; k <= cuts.Length; k++)
        {
            int end = k < cuts.Length ? cuts[k] : tokens.Length;
            if (!IsComplete(tokens, start, end, field.Country, context)) return false;
            start = k < cuts.Length ? cuts[k] + (drop[k] ? 1 : 0) : end;
        }
        return true;
    }

    /// <summary>"S.C. JOHNSON &amp; SON, INC." is one company: parts joined by AND are all persons or all organisations.</summary>
    private static bool SameKind(ReadOnlySpan<NameToken> tokens, ReadOnlySpan<int> cuts, ReadOnlySpan<bool> drop, PartyDraft field, RuleContext context)
    {
        int start = 0, persons = 0;
        for (int k = 0; k <= cuts.Length; k++)
        {
            int end = k < cuts.Length ? cuts[k] : tokens.Length;
            if (PersonNamePattern.Matches(tokens, start, end, context.Lexicon, field.Country)) persons++;
            start = k < cuts.Length ? cuts[k] + (drop[k] ? 1 : 0) : end;
        }
        return persons == 0 || persons == cuts.Length + 1;
    }

    private static bool IsComplete(ReadOnlySpan<NameToken> tokens, int from, int to, string country, RuleContext context)
    {
        if (to - from < 1) return false;
        var lexicon = context.Lexicon;
        var form = to - from >= 2 ? lexicon.LegalForms.MatchEnd(tokens, from + 1, to, country) : null;
        if (form != null) return !IsOnlyCompanyWords(tokens, from, form.Value.Start, lexicon);
        if (to - from >= 2 && lexicon.LegalForms.MatchStart(tokens, from, to - 1, country) != null) return true;
        if (to - from >= 2 && SubtypeEvidence.Find(tokens, from, to, lexicon) is "university" or "government" or "hospital" or "institute") return true;
        return PersonNamePattern.Matches(tokens, from, to, lexicon, country);
    }

    private static bool IsOnlyCompanyWords(ReadOnlySpan<NameToken> tokens, int from, int to, Lexicon.NormalizationLexicon lexicon)
    {
        for (int i = from; i < to; i++)
        {
            var m = tokens[i].Match;
            if (lexicon.GenericAbbreviations.TryGetValue(m, out var c)) m = c;
            if (!lexicon.NonDistinctiveWords.ContainsWord(m)) return false;
        }
        return true;
    }

    private static void Emit(PartyDraft field, List<PartyDraft> parties, Func<PartyDraft> newDraft, ReadOnlySpan<int> cuts, ReadOnlySpan<bool> drop)
    {
        int start = 0, seq = 1;
        for (int k = 0; k <= cuts.Length; k++)
        {
            int end = k < cuts.Length ? cuts[k] : field.Tokens.Count;
            var text = field.SpanText(field.Tokens, start, end);
            var part = newDraft();
            part.CopyFieldStateFrom(field, text, seq++);
            part.Stats = field.Stats;
            part.Retokenize(new System.Text.StringBuilder());
            parties.Add(part);
            start = k < cuts.Length ? cuts[k] + (drop[k] ? 1 : 0) : end;
        }
    }
}
