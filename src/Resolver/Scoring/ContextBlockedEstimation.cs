using Names.Resolver.Candidates;
using Names.Resolver.Comparison;

namespace Names.Resolver.Scoring;

/// <summary>
/// Fellegi-Sunter estimation without labels for data with identifying context (persons with a date of birth), the way
/// Splink trains: EM over name-blocked candidate pairs learns m of the context features only (names are what made
/// those pairs candidates, so their agreement says nothing there), and EM over pairs that share an exact value of a
/// blocking column (same date of birth) learns m of the name features. u comes from random pairs; lambda is the
/// expected share of matches among all pairs, so every feature's weight, names included, counts once.
/// Plain EM over name-blocked pairs instead lets the name features absorb the match class (lambda ~0.4 on
/// splink-historical50k, every name level weighing the same).
/// </summary>
public sealed class ContextBlockedEstimation(ComparisonSet comparisons)
{
    public int RandomPairs { get; init; } = 50000;
    /// <summary>
    /// Candidates per record: the expected match count (hence lambda) only covers pairs compared, and a person's
    /// cluster often has more than ten rows.
    /// </summary>
    public int MaxCandidatesPerName { get; init; } = 30;
    public int BlockCap { get; init; } = 300;
    public int MaxIterations { get; init; } = 100;
    public double Tolerance { get; init; } = 1e-5;
    public ulong Seed { get; init; } = 1;

    public ComparisonSet Comparisons { get; } = comparisons;

    /// <summary>Context features (learnt on name-blocked pairs); the rest are name features (learnt on context-blocked pairs).</summary>
    public static bool IsContextFeature(IComparisonFeature f) => f is ContextOverlapFeature or DateContextFeature or ContextTextFeature or CoordinateDistanceFeature;

    public FellegiSunterModel Estimate(IReadOnlyList<NameRecord> records, IReadOnlyList<string> blockingColumns)
    {
        if (records.Count < 2) throw new ArgumentException("need at least two names");
        // Distinct names, as the engine counts them (RegistryState): frequency is over names, not rows.
        var statistics = new TokenStatistics();
        foreach (var r in records.DistinctBy(r => (r.Kind, r.NameKey, r.Country))) statistics.Add(r.Tokens);
        var features = Comparisons.Features;
        var trainer = new FellegiSunterTrainer(Comparisons);

        var random = new Random(unchecked((int)Seed));
        var randomLevels = new List<int[]>(RandomPairs);
        for (int i = 0; i < RandomPairs; i++)
        {
            int a = random.Next(records.Count), b = random.Next(records.Count);
            if (a != b) randomLevels.Add(Comparisons.Compare(records[a], records[b], statistics));
        }
        var u = trainer.EstimateU(randomLevels);

        var isContext = features.Select(IsContextFeature).ToArray();
        var generator = new BlockingKeyGenerator();
        var namePairs = CandidatePairs(records, r => CandidateSearch.NameKeys(generator.Keys(r)), statistics);
        var m = InitialM();
        var (mA, expectedMatches) = Em(namePairs, u, m, active: isContext);
        for (int f = 0; f < features.Count; f++) if (isContext[f]) m[f] = mA[f];

        // One pass per blocking column; each learns every feature but its own column, and the name features take the
        // average over passes.
        var nameSums = features.Select(f => new double[f.Levels.Count]).ToArray();
        int passes = 0;
        foreach (var column in blockingColumns)
        {
            var pairs = CandidatePairs(records, r => r.Context.TryGetValue(column, out var v) ? v.Select(x => column + "=" + x).ToList() : [], statistics);
            if (pairs.Count == 0) continue;
            var active = features.Select(f => !(f is DateContextFeature d && d.Column == column) && !(f is ContextOverlapFeature o && o.Column == column) && !(f is ContextTextFeature t && t.Column == column)).ToArray();
            var (mB, _) = Em(pairs, u, m, active);
            for (int f = 0; f < features.Count; f++)
                if (!isContext[f]) for (int l = 0; l < mB[f].Length; l++) nameSums[f][l] += mB[f][l];
            passes++;
        }
        if (passes > 0)
            for (int f = 0; f < features.Count; f++)
                if (!isContext[f]) m[f] = nameSums[f].Select(x => x / passes).ToArray();

        double allPairs = records.Count * (records.Count - 1.0) / 2;
        var lambda = Math.Clamp(expectedMatches / allPairs, 1e-9, 0.5);
        return new FellegiSunterModel(Comparisons, lambda, m, u);
    }

    private List<int[]> CandidatePairs(IReadOnlyList<NameRecord> records, Func<NameRecord, IReadOnlyList<string>> keys, TokenStatistics statistics)
    {
        var index = new InMemoryCandidateIndex(BlockCap);
        var pairs = new List<int[]>();
        for (int i = 0; i < records.Count; i++)
        {
            var k = keys(records[i]);
            if (k.Count == 0) continue;
            foreach (var j in index.Find(k, MaxCandidatesPerName))
                pairs.Add(Comparisons.Compare(records[i], records[j], statistics));
            index.Add(i, k);
        }
        return pairs;
    }

    private double[][] InitialM() => Comparisons.Features
        .Select(f => { var row = Enumerable.Range(0, f.Levels.Count).Select(l => Math.Pow(l + 1, 3)).ToArray(); var s = row.Sum(); return row.Select(x => x / s).ToArray(); })
        .ToArray();

    /// <summary>EM over the pairs using only the active features in the E step and updating only their m; returns m and the expected match count.</summary>
    private (double[][] M, double ExpectedMatches) Em(List<int[]> pairs, double[][] u, double[][] initialM, bool[] active)
    {
        var m = initialM.Select(r => (double[])r.Clone()).ToArray();
        double lambda = 0.3, sumP = 0;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            var weights = m.Select((row, f) => row.Select((mi, l) => Math.Log2(mi / u[f][l])).ToArray()).ToArray();
            var prior = Math.Log2(lambda / (1 - lambda));
            var counts = m.Select(row => Enumerable.Repeat(0.5, row.Length).ToArray()).ToArray();
            sumP = 0;
            foreach (var levels in pairs)
            {
                double total = prior;
                for (int f = 0; f < levels.Length; f++)
                    if (active[f] && levels[f] >= 0) total += weights[f][levels[f]];
                var p = 1 / (1 + Math.Pow(2, -total));
                sumP += p;
                for (int f = 0; f < levels.Length; f++)
                    if (active[f] && levels[f] >= 0) counts[f][levels[f]] += p;
            }
            var newM = FellegiSunterTrainer.MonotoneRatios(counts.Select(r => { var s = r.Sum(); return r.Select(c => c / s).ToArray(); }).ToArray(), u);
            var newLambda = Math.Clamp(sumP / Math.Max(1, pairs.Count), 1e-6, 1 - 1e-6);
            double change = Math.Abs(newLambda - lambda);
            for (int f = 0; f < m.Length; f++)
            {
                if (!active[f]) continue;
                for (int l = 0; l < m[f].Length; l++) change = Math.Max(change, Math.Abs(newM[f][l] - m[f][l]));
                m[f] = newM[f];
            }
            lambda = newLambda;
            if (change < Tolerance) break;
        }
        return (m, sumP);
    }
}
