using Names.Normalization.Lexicon;
using Names.Normalization.Text;

namespace Names.Normalization.Evidence;

/// <summary>R16: keyword evidence that a name is an organisation, and which subtype (by priority).</summary>
internal static class SubtypeEvidence
{
    private static int Rank(string subtype) => subtype switch
    {
        "hospital" => 5,
        "university" => 4,
        "government" => 3,
        "institute" => 2,
        "company" => 1,
        _ => 0,
    };

    /// <summary>The highest-priority subtype among keywords in tokens [from, to), or empty.</summary>
    public static string Find(ReadOnlySpan<NameToken> tokens, int from, int to, NormalizationLexicon lexicon)
    {
        string best = "";
        int bestRank = 0;
        for (int i = from; i < to; i++)
        {
            var t = tokens[i];
            if (t.Has(TokenFlags.NonLatin))
            {
                foreach (var (keyword, subtype) in lexicon.ScriptSubtypeKeywords)
                {
                    int rank = Rank(subtype);
                    if (rank > bestRank && t.Match.Contains(keyword, StringComparison.Ordinal)) { best = subtype; bestRank = rank; }
                }
            }
            var p = lexicon.SubtypeKeywords.MatchAt(tokens, i, to);
            if (p != null && Rank(p.Value) > bestRank) { best = p.Value; bestRank = Rank(best); }
        }
        return best;
    }
}
