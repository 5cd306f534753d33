namespace Names.Resolver.Comparison;

/// <summary>
/// Token overlap weighted by inverse document frequency: sharing PHILIPS says much, sharing BV or ELECTRONICS little.
/// Levels use the weighted Jaccard, plus a containment level (every rare token of the shorter name in the longer).
/// </summary>
public sealed class RareTokenOverlapFeature : IComparisonFeature
{
    public string Name => "rare_token_overlap";
    public IReadOnlyList<string> Levels { get; } = ["little or none (or conflicting distinctive words)", "weighted jaccard >= 0.3", "shorter name contained", "weighted jaccard >= 0.6", "weighted jaccard >= 0.9"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.Tokens.Length == 0 || b.Tokens.Length == 0) return IComparisonFeature.NotComparable;
        double shared = 0, onlyA = 0, onlyB = 0, maxShared = 0, maxOnlyA = 0, maxOnlyB = 0;
        var ta = a.DistinctTokens;
        var tb = b.DistinctTokens;
        // Names have few tokens: nested loops beat hash sets here. A token also counts as shared when the other name
        // has it with a typo (PHILLIPS / PHILIPS, MAATSHAPPIJ / MAATSCHAPPIJ): Jaro-Winkler >= 0.9 on tokens of 5+ letters.
        Span<bool> matchedB = stackalloc bool[Math.Min(tb.Length, 64)];
        foreach (var t in ta)
        {
            var w = statistics.Weight(t);
            int j = Array.IndexOf(tb, t);
            if (j < 0 && t.Length >= 5)
                for (int k = 0; k < tb.Length && k < matchedB.Length; k++)
                    if (!matchedB[k] && tb[k].Length >= 5 && Array.IndexOf(ta, tb[k]) < 0 && JaroWinkler.Similarity(t, tb[k]) >= 0.9) { j = k; break; }
            if (j >= 0)
            {
                var sw = j < matchedB.Length && tb[j] != t ? Math.Min(w, statistics.Weight(tb[j])) : w;
                shared += sw;
                maxShared = Math.Max(maxShared, sw);
                if (j < matchedB.Length) matchedB[j] = true;
            }
            else { onlyA += w; maxOnlyA = Math.Max(maxOnlyA, w); }
        }
        for (int k = 0; k < tb.Length; k++)
            if (!(k < matchedB.Length && matchedB[k]) && Array.IndexOf(ta, tb[k]) < 0)
            {
                var w = statistics.Weight(tb[k]);
                onlyB += w;
                maxOnlyB = Math.Max(maxOnlyB, w);
            }
        var union = shared + onlyA + onlyB;
        if (union <= 0) return 0;
        var jaccard = shared / union;
        if (jaccard >= 0.9) return 4;
        // Organisations whose own words differ both ways, each at least as rare as anything they share, are different
        // organisations despite the overlap: SHELL CANADA / SCHLUMBERGER CANADA, BANK OF CHINA (HONG KONG) / (SINGAPORE).
        // Not for persons: a differing middle initial is not a different person (the person-name feature judges those).
        if (a.Kind != Names.Normalization.EntityKind.Person && b.Kind != Names.Normalization.EntityKind.Person
            && maxOnlyA >= maxShared && maxOnlyB >= maxShared) return 0;
        if (jaccard >= 0.6) return 3;
        var smaller = Math.Min(shared + onlyA, shared + onlyB);
        if (smaller > 0 && shared / smaller >= 0.9) return 2;
        return jaccard >= 0.3 ? 1 : 0;
    }
}
