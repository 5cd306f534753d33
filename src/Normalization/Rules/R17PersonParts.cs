using Names.Normalization.Pipeline;
using Names.Normalization.Text;

namespace Names.Normalization.Rules;

/// <summary>
/// R17: family and given names. Structured columns win; a comma means family first; Han/Hangul names are family
/// first; a surname in capitals next to mixed-case given names is the family name; a known given name first or last
/// decides the order of all-capital names; otherwise the last word (with its particles) is the family name.
/// Titles and suffixes stay in the parts here and are moved out by R18.
/// </summary>
internal sealed class R17PersonParts : NameRule
{
    public override string Id => "R17";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        if (!string.IsNullOrWhiteSpace(d.Input.FamilyName) || !string.IsNullOrWhiteSpace(d.Input.GivenNames))
        {
            // structured input wins: rebuild the field as "FAMILY, GIVEN" and parse that
            var family = R02UnicodeNormalization.CleanField(d.Input.FamilyName ?? "", context.Scratch).Trim();
            var given = R02UnicodeNormalization.CleanField(d.Input.GivenNames ?? "", context.Scratch).Trim();
            d.Text = family.Length > 0 && given.Length > 0 ? family + ", " + given : family.Length > 0 ? family + "," : given;
            d.Retokenize(context.Scratch);
            if (family.Length == 0)
            {
                d.Given.AddRange(d.Tokens);
                return true;
            }
        }

        var tokens = d.Tokens;
        int n = tokens.Count;
        if (n == 0) return false;
        var lexicon = context.Lexicon;

        if (tokens[0].Segment != tokens[^1].Segment)
        {
            int firstSegment = tokens[0].Segment;
            foreach (var t in tokens)
            {
                if (t.Segment == firstSegment) d.Family.Add(t);
                else d.Given.Add(t);
            }
            return true;
        }

        if (tokens[0].Has(TokenFlags.Cjk))
        {
            SplitEastAsian(d);
            return true;
        }

        var span = d.TokenSpan;
        int patronymic = Evidence.PersonNamePattern.PatronymicIndex(span, 0, n);
        if (patronymic >= 1 && n <= 3)
        {
            // ИВАНОВ ИВАН ИВАНОВИЧ (family first) or Иван Иванович Иванов (family last)
            int familyIndex = patronymic == n - 1 ? 0 : n - 1;
            for (int i = 0; i < n; i++) (i == familyIndex ? d.Family : d.Given).Add(tokens[i]);
            return true;
        }
        int a = 0, b = n;
        while (a < b - 1)
        {
            var t = lexicon.Titles.MatchAt(span, a, b - 1);
            if (t == null) break;
            a += t.Tokens.Length;
        }
        while (b > a + 1)
        {
            var s = lexicon.Suffixes.MatchEndingAt(span, b, a + 1);
            if (s == null) break;
            b -= s.Tokens.Length;
        }

        if (b - a == 1)
        {
            for (int i = 0; i < n; i++) (i == a ? d.Family : d.Given).Add(tokens[i]);
            return true;
        }

        // capitalised surname next to mixed-case given names ("Jane B. DOE", "DOE Jane")
        int capsStart = -1, capsEnd = -1;
        bool anyMixed = false;
        for (int i = a; i < b; i++)
        {
            var t = tokens[i];
            bool caps = t.Match.Length >= 2 && t.Has(TokenFlags.HasUpper) && !t.Has(TokenFlags.HasLower);
            if (t.Match.Length >= 2 && t.Has(TokenFlags.HasLower) && !lexicon.Particles.Contains(t.Match)) anyMixed = true;
            if (caps && capsStart < 0) { capsStart = i; capsEnd = i + 1; }
            else if (caps && capsEnd == i) capsEnd = i + 1;
        }
        if (anyMixed && capsStart >= 0)
        {
            while (capsStart > a && lexicon.Particles.Contains(tokens[capsStart - 1].Match) && tokens[capsStart - 1].Has(TokenFlags.HasLower)) capsStart--;
            for (int i = 0; i < n; i++) (i >= capsStart && i < capsEnd ? d.Family : d.Given).Add(tokens[i]);
            return true;
        }

        // all one case: a known given name at the end and not at the start means family first ("MUELLER HANS")
        if (!anyMixed && !lexicon.GivenNames.Contains(tokens[a].Match) && lexicon.GivenNames.Contains(tokens[b - 1].Match)
            && !tokens[b - 1].IsSingleLetter)
        {
            int familyEnd = a + 1;
            while (familyEnd < b - 1 && lexicon.Particles.Contains(tokens[familyEnd - 1].Match)) familyEnd++;
            for (int i = 0; i < n; i++) (i >= a && i < familyEnd ? d.Family : d.Given).Add(tokens[i]);
            return true;
        }

        // default: last word with its particles ("Vincent van Gogh", "Maria de la Cruz")
        int familyStart = b - 1;
        // a hyphenated surname stays whole ("Anna Müller-Schmidt")
        while (familyStart - 1 > a && tokens[familyStart].Has(TokenFlags.HyphenBefore) && !tokens[familyStart].Has(TokenFlags.SpaceBefore)) familyStart--;
        while (familyStart - 1 > a && lexicon.Particles.Contains(tokens[familyStart - 1].Match)) familyStart--;
        for (int i = 0; i < n; i++) (i >= familyStart && i < b ? d.Family : d.Given).Add(tokens[i]);
        return true;
    }

    private static void SplitEastAsian(PartyDraft d)
    {
        var tokens = d.Tokens;
        if (tokens.Count >= 2)
        {
            d.Family.Add(tokens[0]);
            for (int i = 1; i < tokens.Count; i++) d.Given.Add(tokens[i]);
            return;
        }
        var t = tokens[0];
        int len = t.Match.Length;
        bool kana = false;
        foreach (var c in t.Match) if (ScriptClass.IsKana(c)) kana = true;
        // Counted in characters (code points): an extension-plane ideograph is one character, two UTF-16 units.
        int points = CodePoints.Count(t.Match);
        int familyPoints = kana || points < 2 || points > 4 ? points : points == 4 ? 2 : 1;
        if (familyPoints >= points || t.Length != len)
        {
            d.Family.Add(t);
            return;
        }
        int familyLength = CodePoints.Utf16Length(t.Match, familyPoints);
        d.Family.Add(new NameToken { Start = t.Start, End = t.Start + familyLength, Match = t.Match[..familyLength], Flags = t.Flags, Segment = t.Segment });
        d.Given.Add(new NameToken { Start = t.Start + familyLength, End = t.End, Match = t.Match[familyLength..], Flags = t.Flags, Segment = t.Segment });
    }
}
