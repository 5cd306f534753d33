using Names.Normalization.Lexicon;
using Names.Normalization.Text;

namespace Names.Normalization.Evidence;

/// <summary>
/// R15/R16: does a token range look like one natural person's name? Evidence: a title or suffix, "FAMILY, GIVEN",
/// an initial next to a word, a known given name first or last, a capitalised surname next to mixed-case given
/// names, or a short Han/Hangul name. Never when the range carries a legal form or organisation keyword.
/// </summary>
internal static class PersonNamePattern
{
    public static bool Matches(ReadOnlySpan<NameToken> tokens, int from, int to, NormalizationLexicon lexicon, string country)
    {
        if (to <= from) return false;
        bool allCjk = true;
        int cjkChars = 0;
        for (int i = from; i < to; i++)
        {
            if (!tokens[i].Has(TokenFlags.Cjk)) { allCjk = false; break; }
            cjkChars += tokens[i].Match.Length;
        }
        if (allCjk)
        {
            return cjkChars >= 2 && cjkChars <= 4 && to - from <= 2 && SubtypeEvidence.Find(tokens, from, to, lexicon).Length == 0
                   && lexicon.LegalForms.CjkFormAffix(tokens[from].Match, true) == null;
        }

        int a = from, b = to;
        bool titled = false;
        while (a < b)
        {
            var t = lexicon.Titles.MatchAt(tokens, a, b);
            if (t == null) break;
            a += t.Tokens.Length;
            titled = true;
        }
        while (b > a)
        {
            var s = lexicon.Suffixes.MatchEndingAt(tokens, b, a + 1);
            if (s == null) break;
            b -= s.Tokens.Length;
            titled = true;
        }
        int n = b - a;
        if (n < 1 || n > 6) return false;
        int segments = 1, initials = 0, words = 0, upperWords = 0, mixedWords = 0;
        for (int i = a; i < b; i++)
        {
            var t = tokens[i];
            if (t.Has(TokenFlags.HasDigit | TokenFlags.NonLatin | TokenFlags.Ampersand)) return false;
            if (t.Match is "AND" or "UND" or "ET") return false;
            if (i > a && t.Segment != tokens[i - 1].Segment && lexicon.Articles.Contains(t.Match)) return false;
            if (i > a && t.Segment != tokens[i - 1].Segment) segments++;
            if (t.Match.Length == 1) initials++;
            else
            {
                words++;
                if (t.Has(TokenFlags.HasLower)) mixedWords++;
                else if (t.Has(TokenFlags.HasUpper)) upperWords++;
            }
        }
        if (words == 0) return false;
        if (SubtypeEvidence.Find(tokens, from, to, lexicon).Length > 0) return false;
        if (lexicon.LegalForms.MatchEnd(tokens, from + 1, to, country) != null) return false;
        if (titled && n >= 1) return true;
        if (n < 2) return false;
        if (segments == 2 && n <= 5) return true;
        if (segments > 2) return false;
        if (initials > 0 && words >= 1 && n <= 4 && !tokens[b - 1].IsSingleLetter) return true;
        if (lexicon.GivenNames.Contains(tokens[a].Match) || lexicon.GivenNames.Contains(tokens[b - 1].Match)) return n <= 4;
        if (upperWords >= 1 && mixedWords >= 1 && n <= 4) return true;
        return false;
    }
}
