using Names.Normalization.Lexicon;
using Names.Normalization.Text;

namespace Names.Normalization.Evidence;

/// <summary>R16: keyword evidence that a name is an organisation, and which subtype (by priority).</summary>
internal static class SubtypeEvidence
{
    /// <summary>Priority of a subtype when several keywords occur (0: not a subtype this rule ranks).</summary>
    public static int Rank(string subtype) => subtype switch
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
                // highest rank first: the first keyword found is the best this token has
                foreach (var (keyword, subtype) in lexicon.ScriptSubtypeKeywords)
                {
                    if (!t.Match.Contains(keyword, StringComparison.Ordinal)) continue;
                    int rank = Rank(subtype);
                    if (rank > bestRank) { best = subtype; bestRank = rank; }
                    break;
                }
            }
            var p = lexicon.SubtypeKeywords.MatchAt(tokens, i, to);
            if (p != null && Rank(p.Value) > bestRank) { best = p.Value; bestRank = Rank(best); }
        }
        return best;
    }
}
