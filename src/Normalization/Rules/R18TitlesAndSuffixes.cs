using System.Runtime.InteropServices;
using Names.Normalization.Pipeline;
using Names.Normalization.Text;

namespace Names.Normalization.Rules;

/// <summary>
/// R18: academic, professional and courtesy titles (DR, PROF, DIPL.-ING., HERR ...) move to titles; generational
/// suffixes (JR, SR, III) to suffix. Lists: Data/lists/titles.txt, suffixes.txt.
/// </summary>
internal sealed class R18TitlesAndSuffixes : NameRule
{
    public override string Id => "R18";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        bool fired = false;
        fired |= TakeTitles(d, d.Given, context);
        fired |= TakeTitles(d, d.Family, context);
        fired |= TakeSuffixes(d, d.Given, context);
        fired |= TakeSuffixes(d, d.Family, context);
        if (fired && d.Family.Count == 0 && d.Given.Count > 0 && string.IsNullOrWhiteSpace(d.Input.GivenNames))
        {
            // only titles were left in front of a single name: that name is the family name
            d.Family.Add(d.Given[^1]);
            d.Given.RemoveAt(d.Given.Count - 1);
        }
        return fired;
    }

    private static bool TakeTitles(PartyDraft d, List<NameToken> part, RuleContext context)
    {
        bool fired = false;
        while (part.Count > 0)
        {
            var span = CollectionsMarshal.AsSpan(part);
            var t = context.Lexicon.Titles.MatchAt(span, 0, part.Count);
            if (t == null || (t.Tokens.Length == part.Count && ReferenceEquals(part, d.Family) && d.Given.Count == 0)) break;
            d.Titles = PartyDraft.Append(d.Titles, d.SpanText(part, 0, t.Tokens.Length));
            part.RemoveRange(0, t.Tokens.Length);
            fired = true;
        }
        return fired;
    }

    private static bool TakeSuffixes(PartyDraft d, List<NameToken> part, RuleContext context)
    {
        bool fired = false;
        while (part.Count > 0)
        {
            var span = CollectionsMarshal.AsSpan(part);
            int floor = ReferenceEquals(part, d.Family) ? 1 : 0;
            var s = context.Lexicon.Suffixes.MatchEndingAt(span, part.Count, floor);
            bool title = false;
            if (s == null)
            {
                // a title written last after a comma ("MÜLLER, HANS, DR.") goes to titles
                s = context.Lexicon.Titles.MatchEndingAt(span, part.Count, floor);
                if (s == null || !span[part.Count - s.Tokens.Length].Has(TokenFlags.CommaBefore)) break;
                title = true;
            }
            int from = part.Count - s.Tokens.Length;
            // a single letter "V" or "II" after given names is more often an initial than a suffix
            if (from == 0 && ReferenceEquals(part, d.Given) && d.Given.Count == s.Tokens.Length && s.Tokens[0].Length == 1) break;
            if (title) d.Titles = PartyDraft.Append(d.Titles, d.SpanText(part, from, part.Count));
            else d.Suffix = PartyDraft.Append(d.Suffix, d.SpanText(part, from, part.Count));
            part.RemoveRange(from, s.Tokens.Length);
            fired = true;
        }
        return fired;
    }
}
