namespace Names.Resolver.Evaluation;

/// <summary>
/// Agreement of a predicted clustering with the truth over the same items: pairwise precision/recall/F1 (over all
/// item pairs placed together) and B-cubed precision/recall/F1 (per item, averaged), plus cluster counts.
/// </summary>
public sealed record ClusterMetrics(
    double PairPrecision, double PairRecall, double PairF1,
    double BCubedPrecision, double BCubedRecall, double BCubedF1,
    int PredictedClusters, int TrueClusters, long PredictedPairs, long TruePairs, long CorrectPairs, int Items)
{
    /// <summary>predicted[i] and truth[i] are cluster labels of item i.</summary>
    public static ClusterMetrics Compute(IReadOnlyList<string> predicted, IReadOnlyList<string> truth)
    {
        if (predicted.Count != truth.Count) throw new ArgumentException("predicted and truth must have the same length");
        int n = predicted.Count;
        var cell = new Dictionary<(string, string), long>();
        var predSize = new Dictionary<string, long>(StringComparer.Ordinal);
        var trueSize = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            cell[(predicted[i], truth[i])] = cell.GetValueOrDefault((predicted[i], truth[i])) + 1;
            predSize[predicted[i]] = predSize.GetValueOrDefault(predicted[i]) + 1;
            trueSize[truth[i]] = trueSize.GetValueOrDefault(truth[i]) + 1;
        }
        static long Pairs(long k) => k * (k - 1) / 2;
        long correct = cell.Values.Sum(Pairs);
        long predictedPairs = predSize.Values.Sum(Pairs);
        long truePairs = trueSize.Values.Sum(Pairs);
        double p = predictedPairs == 0 ? 1 : (double)correct / predictedPairs;
        double r = truePairs == 0 ? 1 : (double)correct / truePairs;

        // B-cubed: for item i, precision = |pred(i) ∩ true(i)| / |pred(i)|; summed per contingency cell.
        double bp = 0, br = 0;
        foreach (var ((pc, tc), count) in cell)
        {
            bp += count * (double)count / predSize[pc];
            br += count * (double)count / trueSize[tc];
        }
        bp = n == 0 ? 1 : bp / n;
        br = n == 0 ? 1 : br / n;
        return new ClusterMetrics(p, r, F1(p, r), bp, br, F1(bp, br), predSize.Count, trueSize.Count, predictedPairs, truePairs, correct, n);
    }

    private static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}
