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
    /// <summary>Russian-style names: two or three Cyrillic words, one of them a patronymic (-OVICH, -EVNA ...).</summary>
    private static bool CyrillicPerson(ReadOnlySpan<NameToken> tokens, int from, int to, NormalizationLexicon lexicon)
    {
        int n = to - from;
        if (n < 2 || n > 3) return false;
        for (int i = from; i < to; i++)
        {
            var m = tokens[i].Match;
            if (m.Length < 2 || !Text.ScriptClass.IsCyrillic(m[0])) return false;
        }
        return PatronymicIndex(tokens, from, to) >= 0 && SubtypeEvidence.Find(tokens, from, to, lexicon).Length == 0;
    }

    /// <summary>Index of the token with a Russian patronymic ending, or -1.</summary>
    public static int PatronymicIndex(ReadOnlySpan<NameToken> tokens, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            var m = tokens[i].Match;
            if (m.EndsWith("ОВИЧ", StringComparison.Ordinal) || m.EndsWith("ЕВИЧ", StringComparison.Ordinal) ||
                m.EndsWith("ОВНА", StringComparison.Ordinal) || m.EndsWith("ЕВНА", StringComparison.Ordinal) ||
                m.EndsWith("ИЧНА", StringComparison.Ordinal) || m.EndsWith("ЬИЧ", StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool AnyGivenName(ReadOnlySpan<NameToken> tokens, int from, int to, NormalizationLexicon lexicon)
    {
        for (int i = from; i < to; i++) if (lexicon.GivenNames.Contains(tokens[i].Match)) return true;
        return false;
    }

    public static bool Matches(ReadOnlySpan<NameToken> tokens, int from, int to, NormalizationLexicon lexicon, string country,
        bool organisationEvidenceChecked = false)
    {
        if (to <= from) return false;
        if (CyrillicPerson(tokens, from, to, lexicon)) return true;
        bool allCjk = true;
        int cjkChars = 0;
        for (int i = from; i < to; i++)
        {
            if (!tokens[i].Has(TokenFlags.Cjk)) { allCjk = false; break; }
            cjkChars += CodePoints.Count(tokens[i].Match);
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
            // a title after a comma at the end: "MÜLLER, HANS-PETER, DR."
            if (s == null)
            {
                s = lexicon.Titles.MatchEndingAt(tokens, b, a + 1);
                if (s != null && !tokens[b - s.Tokens.Length].Has(TokenFlags.CommaBefore)) s = null;
            }
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
            if (t.Has(TokenFlags.SlashBefore)) return false; // "SARA LEE/DE": a slash is not part of a person's name
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
        if (!organisationEvidenceChecked)
        {
            if (SubtypeEvidence.Find(tokens, from, to, lexicon).Length > 0) return false;
            if (lexicon.LegalForms.MatchEnd(tokens, from + 1, to, country) != null) return false;
        }
        if (titled && n >= 1) return true;
        if (n < 2) return false;
        if (segments == 2 && n <= 5) return true;
        if (segments > 2) return false;
        if (initials > 0 && words >= 1 && n <= 4 && !tokens[b - 1].IsSingleLetter) return true;
        if (lexicon.GivenNames.Contains(tokens[a].Match) || lexicon.GivenNames.Contains(tokens[b - 1].Match)) return n <= 4;
        if (upperWords >= 1 && mixedWords >= 1 && n <= 4 && AnyGivenName(tokens, a, b, lexicon)) return true;
        return false;
    }
}
