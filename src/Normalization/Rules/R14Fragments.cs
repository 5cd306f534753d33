using Names.Normalization.Evidence;
using Names.Normalization.Pipeline;
using Names.Normalization.Text;

namespace Names.Normalization.Rules;

/// <summary>
/// R14: fragments inside the name field move to their own fields: care_of (C/O, ATTN, Z.HD.), trade_name (T/A, DBA),
/// incorporation (A CORPORATION OF ..., ", A DELAWARE CORPORATION"), representation (AS REPRESENTED BY ...) and
/// address (comma segments after a complete company name, post codes, streets). Keys are built from what remains.
/// </summary>
internal sealed class R14Fragments : NameRule
{
    public override string Id => "R14";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        bool fired = MoveMarkedFragments(d, context);
        fired |= MoveIncorporationSegments(d);
        fired |= MoveAddressSegments(d, context);
        fired |= MoveTrailingCountryCode(d);
        if (fired) d.SetDisplayFromTokens();
        return fired;
    }

    private static bool MoveMarkedFragments(PartyDraft d, RuleContext context)
    {
        var markers = context.Lexicon.FragmentMarkers;
        bool fired = false;
        var found = markers.FindFirst(d.TokenSpan, 1, d.Tokens.Count);
        while (found != null)
        {
            var (index, phrase) = found.Value;
            int valueStart = index + phrase.Tokens.Length;
            var next = markers.FindFirst(d.TokenSpan, valueStart, d.Tokens.Count);
            int valueEnd = next?.Index ?? d.Tokens.Count;
            var value = d.SpanText(d.Tokens, valueStart, valueEnd);
            switch (phrase.Value)
            {
                case "care_of": d.CareOf = PartyDraft.Append(d.CareOf, value); break;
                case "trade_name": d.TradeName = PartyDraft.Append(d.TradeName, value); break;
                case "incorporation": d.Incorporation = PartyDraft.Append(d.Incorporation, d.SpanText(d.Tokens, index, valueEnd)); break;
                default: d.Representation = PartyDraft.Append(d.Representation, value); break;
            }
            d.Tokens.RemoveRange(index, valueEnd - index);
            fired = true;
            found = index >= 1 ? markers.FindFirst(d.TokenSpan, index, d.Tokens.Count) : null;
        }
        return fired;
    }

    // ", A DELAWARE CORPORATION" / ", AN ILLINOIS COMPANY"
    private static bool MoveIncorporationSegments(PartyDraft d)
    {
        bool fired = false;
        for (int i = 1; i < d.Tokens.Count; i++)
        {
            var t = d.Tokens[i];
            if (t.Segment == d.Tokens[i - 1].Segment || (t.Match != "A" && t.Match != "AN")) continue;
            int end = i + 1;
            while (end < d.Tokens.Count && d.Tokens[end].Segment == t.Segment) end++;
            var last = d.Tokens[end - 1].Match;
            if (end - i >= 3 && end - i <= 6 && last is "CORPORATION" or "CORP" or "COMPANY" or "LLC" or "PARTNERSHIP")
            {
                d.Incorporation = PartyDraft.Append(d.Incorporation, d.SpanText(d.Tokens, i, end));
                d.Tokens.RemoveRange(i, end - i);
                fired = true;
                i--;
            }
        }
        return fired;
    }

    private static bool MoveAddressSegments(PartyDraft d, RuleContext context)
    {
        var lexicon = context.Lexicon;
        bool fired = false;
        int segStart = 0;
        bool previousComplete = false;
        while (segStart < d.Tokens.Count)
        {
            int segEnd = segStart + 1;
            while (segEnd < d.Tokens.Count && d.Tokens[segEnd].Segment == d.Tokens[segStart].Segment) segEnd++;
            var span = d.TokenSpan;
            if (segStart > 0)
            {
                // cheapest tests first: most second segments ("TANAKA, HIROSHI") follow no complete company name
                bool addressLike = LooksLikeAddress(span, segStart, segEnd, context);
                bool placeAfterCompany = !addressLike && previousComplete && segEnd - segStart <= 4
                                         && !HasLegalForm(span, segStart, segEnd, d.Country, lexicon)
                                         && SubtypeEvidence.Find(span, segStart, segEnd, lexicon).Length == 0
                                         && !IsArticle(span, segStart, segEnd, lexicon);
                if (addressLike || placeAfterCompany)
                {
                    d.Address = PartyDraft.Append(d.Address, d.SpanText(d.Tokens, segStart, segEnd));
                    d.Tokens.RemoveRange(segStart, segEnd - segStart);
                    fired = true;
                    previousComplete = true;
                    continue;
                }
            }
            // only the next segment asks whether this one was a complete company name
            previousComplete = segEnd < d.Tokens.Count && segEnd - segStart >= 2 && (lexicon.LegalForms.MatchEnd(span, segStart + 1, segEnd, d.Country) != null
                                                          || lexicon.LegalForms.MatchStart(span, segStart, segEnd - 1, d.Country) != null);
            segStart = segEnd;
        }
        return fired;
    }

    /// <summary>"UNILEVER N.V. (NL)": a two-letter code in parentheses at the end is an address fragment.</summary>
    private static bool MoveTrailingCountryCode(PartyDraft d)
    {
        if (d.Tokens.Count < 2) return false;
        var t = d.Tokens[^1];
        if (t.Match.Length != 2 || !char.IsAsciiLetterUpper(t.Match[0]) || !char.IsAsciiLetterUpper(t.Match[1])) return false;
        int k = t.Start - 1;
        while (k >= 0 && d.Text[k] == ' ') k--;
        if (k < 0 || d.Text[k] != '(') return false;
        d.Address = PartyDraft.Append(d.Address, t.Match);
        d.Tokens.RemoveAt(d.Tokens.Count - 1);
        return true;
    }

    private static bool HasLegalForm(ReadOnlySpan<NameToken> span, int from, int to, string country, Lexicon.NormalizationLexicon lexicon) =>
        lexicon.LegalForms.MatchEnd(span, from, to, country) != null
        || (to - from == 1 && lexicon.LegalForms.TryGet(span[from].Match, out var single) && single.AppliesTo(country));

    private static bool IsArticle(ReadOnlySpan<NameToken> span, int from, int to, Lexicon.NormalizationLexicon lexicon) =>
        to - from == 1 && lexicon.Articles.Contains(span[from].Match);

    /// <summary>A segment with a post code (4+ digits) or a street word, not being a company name itself.</summary>
    private static bool LooksLikeAddress(ReadOnlySpan<NameToken> span, int from, int to, RuleContext context)
    {
        for (int i = from; i < to; i++)
        {
            var t = span[i];
            if (t.Has(TokenFlags.HasDigit) && t.Match.Length >= 4 && IsPostCodeLike(t.Match)) return true;
            if (context.Lexicon.AddressWords.MatchAt(span, i, to) != null) return true;
        }
        return false;
    }

    private static bool IsPostCodeLike(string m)
    {
        int digits = 0;
        foreach (var c in m) if (char.IsAsciiDigit(c)) digits++;
        return digits >= 4 && digits >= m.Length - 2;
    }
}
