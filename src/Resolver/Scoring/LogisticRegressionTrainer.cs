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
        var offsets = new int[Comparisons.Features.Count];
        int width = 1;
        for (int f = 0; f < offsets.Length; f++) { offsets[f] = width; width += Comparisons.Features[f].Levels.Count; }

        var x = Matrix<double>.Build.Dense(examples.Count, width);
        var y = Vector<double>.Build.Dense(examples.Count);
        for (int i = 0; i < examples.Count; i++)
        {
            x[i, 0] = 1;
            var levels = examples[i].Levels;
            for (int f = 0; f < levels.Length; f++)
                if (levels[f] >= 0) x[i, offsets[f] + levels[f]] = 1;
            y[i] = examples[i].IsMatch ? 1 : 0;
        }

        var penalty = Matrix<double>.Build.DiagonalIdentity(width) * L2;
        penalty[0, 0] = 0;
        var w = Vector<double>.Build.Dense(width);
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            var p = (x * w).Map(z => 1 / (1 + Math.Exp(-z)));
            var gradient = x.TransposeThisAndMultiply(p - y) + penalty * w;
            var s = p.Map(pi => Math.Max(pi * (1 - pi), 1e-9));
            var hessian = x.TransposeThisAndMultiply(x.MapIndexed((i, _, v) => v * s[i])) + penalty;
            var step = hessian.Solve(gradient);
            w -= step;
            if (step.AbsoluteMaximum() < 1e-8) break;
        }

        var coefficients = Comparisons.Features.Select((f, fi) => Enumerable.Range(0, f.Levels.Count).Select(l => w[offsets[fi] + l]).ToArray()).ToArray();
        return new LogisticRegressionModel(Comparisons, w[0], coefficients);
    }
}
