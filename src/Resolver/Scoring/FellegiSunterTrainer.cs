using Names.Resolver.Comparison;

namespace Names.Resolver.Scoring;

/// <summary>
/// Unsupervised estimation of a <see cref="FellegiSunterModel"/> from the data itself: u from random pairs (almost all
/// non-matches), then m and lambda by expectation-maximisation over the candidate pairs with u held fixed.
/// </summary>
public sealed class FellegiSunterTrainer(ComparisonSet comparisons)
{
    public ComparisonSet Comparisons { get; } = comparisons;
    public int MaxIterations { get; init; } = 200;
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>
    /// When true u is re-estimated by EM as well, starting from the random-pair estimate: candidate pairs hold
    /// many near-miss non-matches (UNIVERSITY OF MICHIGAN / MANCHESTER) that random pairs never show, and with u
    /// fixed EM lets the match class absorb them.
    /// </summary>
    public bool EstimateUWithEm { get; init; }

    /// <summary>
    /// When true (default) each M step keeps the match weight log(m/u) non-decreasing with the level (levels are ordered
    /// weakest to strongest agreement), by pooling adjacent violators. Stops EM from learning that an exact key match is
    /// evidence against a match when the candidate pairs are dominated by near misses.
    /// </summary>
    public bool Monotone { get; init; } = true;

    /// <summary>Pool-adjacent-violators on m/u per feature, weighted by u; m is renormalised afterwards.</summary>
    internal static double[][] MonotoneRatios(double[][] m, double[][] u)
    {
        var result = new double[m.Length][];
        for (int f = 0; f < m.Length; f++)
        {
            // Blocks of adjacent levels with their summed m and u; merge while a block's ratio exceeds the next one's.
            var blocks = new List<(int Start, int End, double M, double U)>();
            for (int l = 0; l < m[f].Length; l++)
            {
                blocks.Add((l, l, m[f][l], u[f][l]));
                while (blocks.Count > 1 && blocks[^2].M / blocks[^2].U > blocks[^1].M / blocks[^1].U)
                {
                    var (a, b) = (blocks[^2], blocks[^1]);
                    blocks.RemoveRange(blocks.Count - 2, 2);
                    blocks.Add((a.Start, b.End, a.M + b.M, a.U + b.U));
                }
            }
            var row = new double[m[f].Length];
            foreach (var (start, end, bm, bu) in blocks)
                for (int l = start; l <= end; l++) row[l] = u[f][l] * bm / bu;
            var sum = row.Sum();
            result[f] = row.Select(x => x / sum).ToArray();
        }
        return result;
    }

    /// <summary>Iterations the last <see cref="Train"/> took.</summary>
    public int Iterations { get; private set; }

    public double[][] EstimateU(IEnumerable<int[]> randomPairLevels)
    {
        var counts = NewTable(1.0); // Laplace smoothing: no level is impossible
        foreach (var levels in randomPairLevels)
            for (int f = 0; f < levels.Length; f++)
                if (levels[f] >= 0) counts[f][levels[f]]++;
        return Normalise(counts);
    }

    public FellegiSunterModel Train(IReadOnlyList<int[]> candidatePairLevels, double[][] u, double initialLambda = 0.3)
    {
        // Start m increasing with level: agreement is more likely among matches.
        var m = Normalise(Comparisons.Features.Select(f => Enumerable.Range(0, f.Levels.Count).Select(l => Math.Pow(l + 1, 3)).ToArray()).ToArray());
        double lambda = initialLambda;
        Iterations = 0;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            Iterations = iteration + 1;
            var model = new FellegiSunterModel(Comparisons, lambda, m, u);
            var counts = NewTable(0.5);
            var uCounts = NewTable(0.5);
            double sumP = 0;
            foreach (var levels in candidatePairLevels)
            {
                var p = model.Score(levels).Probability;
                sumP += p;
                for (int f = 0; f < levels.Length; f++)
                    if (levels[f] >= 0) { counts[f][levels[f]] += p; uCounts[f][levels[f]] += 1 - p; }
            }
            var newM = Normalise(counts);
            if (EstimateUWithEm) u = Normalise(uCounts);
            if (Monotone) newM = MonotoneRatios(newM, u);
            var newLambda = Math.Clamp(sumP / Math.Max(1, candidatePairLevels.Count), 1e-6, 1 - 1e-6);
            double change = Math.Abs(newLambda - lambda);
            for (int f = 0; f < m.Length; f++)
                for (int l = 0; l < m[f].Length; l++) change = Math.Max(change, Math.Abs(newM[f][l] - m[f][l]));
            m = newM;
            lambda = newLambda;
            if (change < Tolerance) break;
        }
        return new FellegiSunterModel(Comparisons, lambda, m, u);
    }

    private double[][] NewTable(double initial) =>
        Comparisons.Features.Select(f => Enumerable.Repeat(initial, f.Levels.Count).ToArray()).ToArray();

    private static double[][] Normalise(double[][] counts) =>
        counts.Select(row => { var s = row.Sum(); return row.Select(c => c / s).ToArray(); }).ToArray();
}
