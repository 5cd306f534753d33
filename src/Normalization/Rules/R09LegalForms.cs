using Names.Normalization.LegalForms;
using Names.Normalization.Pipeline;
using Names.Normalization.Text;

namespace Names.Normalization.Rules;

/// <summary>
/// R9: detect, standardise and store the legal form; remove it from the keys only. Composite forms first (longest
/// match), at the end, then at the start (KABUSHIKI KAISHA X, OOO X, AB VOLVO), then the short middle list. Never
/// strips when nothing distinctive would remain. elf_code only when the form is unambiguous for the record's country.
/// </summary>
internal sealed class R09LegalForms : NameRule
{
    public override string Id => "R9";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var forms = context.Lexicon.LegalForms;
        SplitCjkAffixes(d, forms);
        int n = d.Tokens.Count;
        if (n < 2) return false;
        // ignore a trailing ", THE" (R12) while looking for the end of the name
        int end = n;
        if (d.Tokens[n - 1].Has(TokenFlags.CommaBefore) && context.Lexicon.Articles.Contains(d.Tokens[n - 1].Match)) end = n - 1;

        var span = d.TokenSpan;
        LegalFormMatch? m = forms.MatchEnd(span, 1, end, d.Country);
        if (m != null && !Distinctive(span, 0, m.Value.Start, context)) m = null;
        if (m == null)
        {
            m = forms.MatchStart(span, 0, end - 1, d.Country);
            if (m != null && !Distinctive(span, m.Value.End, end, context)) m = null;
        }
        if (m == null)
        {
            m = forms.MatchMiddle(span, 0, end, d.Country);
            if (m != null && !Distinctive(span, 0, m.Value.Start, context)) m = null;
        }
        if (m is not { } match) return false;

        d.LegalForm = d.SpanText(d.Tokens, match.Start, match.End);
        d.ElfCode = match.Entry.ElfCodeFor(d.Country);
        bool atEnd = match.End == end;
        if (!atEnd && match.Start > 0) MoveTailAfterMiddleForm(d, match.End, end, context);
        d.Tokens.RemoveRange(match.Start, match.Length);
        if (atEnd && match.Start > 1)
        {
            // a form written twice ("NV NAAMLOOZE VENNOOTSCHAP", "LIMITED B.V."): the inner one leaves the key too
            var inner = forms.MatchEnd(d.TokenSpan, 1, match.Start, d.Country);
            if (inner is { } i && (i.Entry.Curated || i.Entry.Countries.Contains(d.Country)) && Distinctive(d.TokenSpan, 0, i.Start, context))
            {
                d.LegalForm = d.SpanText(d.Tokens, i.Start, i.End) + " " + d.LegalForm;
                d.Tokens.RemoveRange(i.Start, i.Length);
            }
        }
        if (match.Start > 0)
        {
            // a form at both ends (PT ... Tbk): the leading one leaves the key too when it is a leading-position form
            var lead = forms.MatchStart(d.TokenSpan, 0, Math.Min(end, d.Tokens.Count) - 1, d.Country);
            if (lead is { } l && Distinctive(d.TokenSpan, l.End, d.Tokens.Count, context))
            {
                d.LegalForm = d.SpanText(d.Tokens, l.Start, l.End) + " " + d.LegalForm;
                d.Tokens.RemoveRange(l.Start, l.Length);
            }
        }
        if (d.Kind == EntityKind.Unknown) d.Kind = EntityKind.LegalEntity;
        if (d.Kind == EntityKind.LegalEntity && d.Subtype.Length == 0) d.Subtype = "company";
        return true;
    }

    /// <summary>
    /// What follows a form in the middle is not part of the name when it is a place ("N.V. TE HEERLEN") or an
    /// incorporation note ("N.V. A DUTCH LIMITED CO"); both move to their fields (R14 fields, found here because only
    /// the legal form shows where the name ends).
    /// </summary>
    private static void MoveTailAfterMiddleForm(PartyDraft d, int from, int end, RuleContext context)
    {
        var first = d.Tokens[from].Match;
        if (first is "TE" or "IN" or "ZU" && end - from >= 2 && end - from <= 4)
        {
            d.Address = PartyDraft.Append(d.Address, d.SpanText(d.Tokens, from + 1, end));
            d.Tokens.RemoveRange(from, end - from);
        }
        else if (first is "A" or "AN" && end - from >= 3 && end - from <= 6 &&
                 d.Tokens[end - 1].Match is "CO" or "COMPANY" or "CORPORATION" or "CORP" or "LLC")
        {
            d.Incorporation = PartyDraft.Append(d.Incorporation, d.SpanText(d.Tokens, from, end));
            d.Tokens.RemoveRange(from, end - from);
        }
    }

    /// <summary>Something other than articles, connectors and non-distinctive company words remains.</summary>
    private static bool Distinctive(ReadOnlySpan<NameToken> tokens, int from, int to, RuleContext context)
    {
        var lexicon = context.Lexicon;
        for (int i = from; i < to; i++)
        {
            var m = tokens[i].Match;
            if (tokens[i].Has(TokenFlags.Ampersand) || lexicon.Articles.Contains(m) || lexicon.Connectors.Contains(m)) continue;
            if (lexicon.NonDistinctiveWords.ContainsWord(m)) continue;
            if (lexicon.GenericAbbreviations.TryGetValue(m, out var canonical) && lexicon.NonDistinctiveWords.ContainsWord(canonical)) continue;
            return true;
        }
        return false;
    }

    /// <summary>株式会社 / 有限公司 written without a space: split them off the first or last token.</summary>
    private static void SplitCjkAffixes(PartyDraft d, LegalFormTable forms)
    {
        if (d.Tokens.Count == 0) return;
        var last = d.Tokens[^1];
        if (last.Has(TokenFlags.Cjk) && last.Length == last.Match.Length && forms.CjkFormAffix(last.Match, true) is { } suffix)
        {
            int cut = last.Match.Length - suffix.Length;
            d.Tokens[^1] = last with { End = last.Start + cut, Match = last.Match[..cut] };
            d.Tokens.Add(last with { Start = last.Start + cut, Match = suffix, Flags = last.Flags & ~TokenFlags.SpaceBefore });
            return;
        }
        var first = d.Tokens[0];
        if (first.Has(TokenFlags.Cjk) && first.Length == first.Match.Length && forms.CjkFormAffix(first.Match, false) is { } prefix)
        {
            d.Tokens[0] = first with { End = first.Start + prefix.Length, Match = prefix };
            d.Tokens.Insert(1, first with { Start = first.Start + prefix.Length, Match = first.Match[prefix.Length..] });
        }
    }
}
