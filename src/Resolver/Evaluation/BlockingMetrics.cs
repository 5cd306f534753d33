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
    public static BlockingMetrics Compute(IReadOnlyList<NameRecord> rows, IReadOnlyList<string> truth, int maxCandidates = 40, CandidateIndexOptions? indexOptions = null) =>
        BlockingSearch.Search(rows, maxCandidates, indexOptions).Measure(truth);
}

/// <summary>
/// The candidate pairs a search over labelled rows proposed (<see cref="Search"/>), measured against the truth over all
/// rows or over a subset of them (<see cref="Measure"/>: only pairs of two rows of the subset count, both as true pairs
/// and as candidate pairs; the search itself saw every row).
/// </summary>
public sealed class BlockingSearch
{
    private readonly int[] _variantOf;
    private readonly int _variants;
    private readonly HashSet<(int, int)> _pairs;

    private BlockingSearch(int[] variantOf, int variants, HashSet<(int, int)> pairs)
    {
        _variantOf = variantOf;
        _variants = variants;
        _pairs = pairs;
    }

    public static BlockingSearch Search(IReadOnlyList<NameRecord> rows, int maxCandidates, CandidateIndexOptions? indexOptions = null)
    {
        var generator = new BlockingKeyGenerator();
        using var index = LuceneCandidateIndex.InMemory(indexOptions);
        var variantOf = new int[rows.Count];
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var candidates = new HashSet<(int, int)>();
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var key = $"{(int)r.Kind}\u001f{r.NameKey}\u001f{r.Country}";
            if (!byKey.TryGetValue(key, out var v))
            {
                v = byKey[key] = byKey.Count;
                var terms = CandidateTerms.Of(r, generator);
                foreach (var c in CandidateSearch.Find(index, terms, maxCandidates)) candidates.Add(((int)c, v));
                index.Add(v, terms);
            }
            variantOf[i] = v;
        }
        return new BlockingSearch(variantOf, byKey.Count, candidates);
    }

    /// <summary>Whether the search proposed rows <paramref name="a"/> and <paramref name="b"/> as candidates of each other (or they share a variant).</summary>
    public bool Proposed(int a, int b)
    {
        var (x, y) = (_variantOf[a], _variantOf[b]);
        return x == y || _pairs.Contains(x < y ? (x, y) : (y, x));
    }

    /// <summary>Pairs completeness and reduction ratio over the rows <paramref name="include"/> keeps (all when null).</summary>
    public BlockingMetrics Measure(IReadOnlyList<string> truth, Func<int, bool>? include = null)
    {
        var rows = Enumerable.Range(0, _variantOf.Length).Where(i => include is null || include(i)).ToList();
        var variantRows = new long[_variants];
        foreach (var i in rows) variantRows[_variantOf[i]]++;
        long n = rows.Count;
        long all = n * (n - 1) / 2;
        long candidatePairs = variantRows.Sum(k => k * (k - 1) / 2) + _pairs.Sum(p => variantRows[p.Item1] * variantRows[p.Item2]);

        long truePairs = 0, found = 0;
        foreach (var cluster in rows.GroupBy(i => truth[i]))
        {
            var counts = cluster.GroupBy(i => _variantOf[i]).Select(g => (Variant: g.Key, Count: (long)g.Count())).ToArray();
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
                    if (_pairs.Contains((x, y))) found += pairs;
                }
            }
        }
        return new BlockingMetrics(truePairs == 0 ? 1 : (double)found / truePairs, all == 0 ? 0 : 1 - (double)candidatePairs / all, truePairs, found, candidatePairs, all);
    }
}
