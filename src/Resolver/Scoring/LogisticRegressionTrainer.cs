using MathNet.Numerics.LinearAlgebra;
using Names.Resolver.Comparison;

namespace Names.Resolver.Scoring;

/// <summary>Fits <see cref="LogisticRegressionModel"/> by Newton-Raphson (IRLS) with an L2 penalty, using MathNet.Numerics.</summary>
public sealed class LogisticRegressionTrainer(ComparisonSet comparisons)
{
    public ComparisonSet Comparisons { get; } = comparisons;
    /// <summary>L2 penalty on the coefficients (not the intercept); keeps separable data from diverging.</summary>
    public double L2 { get; init; } = 1.0;
    public int MaxIterations { get; init; } = 50;

    public LogisticRegressionModel Train(IReadOnlyList<(int[] Levels, bool IsMatch)> examples)
    {
        if (examples.Count == 0) throw new ArgumentException("no training examples");
        var (x, offsets) = PenalisedLogisticFit.Indicators(examples.Select(e => e.Levels).ToList(), Comparisons.Features.Select(f => f.Levels.Count).ToList());
        var y = Vector<double>.Build.Dense(examples.Count, i => examples[i].IsMatch ? 1 : 0);
        var penalty = Vector<double>.Build.Dense(x.ColumnCount, L2);
        penalty[0] = 0;
        var w = PenalisedLogisticFit.Fit(x, y, Vector<double>.Build.Dense(examples.Count), penalty, MaxIterations);
        var coefficients = Comparisons.Features.Select((f, fi) => Enumerable.Range(0, f.Levels.Count).Select(l => w[offsets[fi] + l]).ToArray()).ToArray();
        return new LogisticRegressionModel(Comparisons, w[0], coefficients);
    }
}
