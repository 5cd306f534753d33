using Names.Resolver.Candidates;
using Names.Resolver.Comparison;

namespace Names.Resolver.Evaluation;

/// <summary>
/// Quality of candidate search on labelled rows: pairs completeness (share of true matching row pairs that share a
/// variant or whose variants were proposed as candidates) and reduction ratio (1 - candidate row pairs / all row pairs).
/// Variants are indexed in row order, each looking up the ones before it, as a run does.
/// </summary>
public sealed record BlockingMetrics(double PairsCompleteness, double ReductionRatio, long TruePairs, long TruePairsFound, long CandidatePairs, long AllPairs)
{
    public static BlockingMetrics Compute(IReadOnlyList<NameRecord> rows, IReadOnlyList<string> truth, int maxCandidates = 40, CandidateIndexOptions? indexOptions = null)
    {
        var generator = new BlockingKeyGenerator();
        using var index = LuceneCandidateIndex.InMemory(indexOptions);
        var variantOf = new int[rows.Count];
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var candidates = new HashSet<(int, int)>();
        var variantRows = new List<long>();
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var key = $"{(int)r.Kind}\u001f{r.NameKey}\u001f{r.Country}";
            if (!byKey.TryGetValue(key, out var v))
            {
                v = byKey[key] = variantRows.Count;
                variantRows.Add(0);
                var terms = CandidateTerms.Of(r, generator);
                foreach (var c in CandidateSearch.Find(index, terms, maxCandidates)) candidates.Add(((int)c, v));
                index.Add(v, terms);
            }
            variantOf[i] = v;
            variantRows[v]++;
        }

        long n = rows.Count;
        long all = n * (n - 1) / 2;
        long candidatePairs = variantRows.Sum(k => k * (k - 1) / 2) + candidates.Sum(p => variantRows[p.Item1] * variantRows[p.Item2]);

        long truePairs = 0, found = 0;
        foreach (var cluster in Enumerable.Range(0, rows.Count).GroupBy(i => truth[i]))
        {
            var counts = cluster.GroupBy(i => variantOf[i]).Select(g => (Variant: g.Key, Count: (long)g.Count())).ToArray();
            for (int a = 0; a < counts.Length; a++)
            {
                var same = counts[a].Count * (counts[a].Count - 1) / 2;
                truePairs += same;
                found += same;
                for (int b = a + 1; b < counts.Length; b++)
                {
                    var pairs = counts[a].Count * counts[b].Count;
                    truePairs += pairs;
                    var (x, y) = counts[a].Variant < counts[b].Variant ? (counts[a].Variant, counts[b].Variant) : (counts[b].Variant, counts[a].Variant);
                    if (candidates.Contains((x, y))) found += pairs;
                }
            }
        }
        return new BlockingMetrics(truePairs == 0 ? 1 : (double)found / truePairs, all == 0 ? 0 : 1 - (double)candidatePairs / all, truePairs, found, candidatePairs, all);
    }
}
