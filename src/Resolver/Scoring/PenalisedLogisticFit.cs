using MathNet.Numerics.LinearAlgebra;

namespace Names.Resolver.Scoring;

/// <summary>
/// Penalised logistic regression by Newton-Raphson (IRLS): minimises the log-loss of sigmoid(offset + x·w) plus
/// ½·Σ penalty_j·w_j². Shared by the plain and the corrected (offset) supervised models.
/// </summary>
internal static class PenalisedLogisticFit
{
    public static Vector<double> Fit(Matrix<double> x, Vector<double> y, Vector<double> offset, Vector<double> penalty, int maxIterations)
    {
        var penaltyMatrix = Matrix<double>.Build.DiagonalOfDiagonalVector(penalty);
        var w = Vector<double>.Build.Dense(x.ColumnCount);
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            var p = (x * w + offset).Map(z => 1 / (1 + Math.Exp(-z)));
            var gradient = x.TransposeThisAndMultiply(p - y) + penaltyMatrix * w;
            var s = p.Map(pi => Math.Max(pi * (1 - pi), 1e-9));
            var hessian = x.TransposeThisAndMultiply(x.MapIndexed((i, _, v) => v * s[i])) + penaltyMatrix;
            var step = hessian.Solve(gradient);
            w -= step;
            if (step.AbsoluteMaximum() < 1e-8) break;
        }
        return w;
    }

    /// <summary>Design matrix: column 0 is the intercept, then one indicator per (feature, level); not comparable = all zero.</summary>
    public static (Matrix<double> X, int[] Offsets) Indicators(IReadOnlyList<int[]> levels, IReadOnlyList<int> levelCounts)
    {
        var offsets = new int[levelCounts.Count];
        int width = 1;
        for (int f = 0; f < offsets.Length; f++) { offsets[f] = width; width += levelCounts[f]; }
        var x = Matrix<double>.Build.Dense(levels.Count, width);
        for (int i = 0; i < levels.Count; i++)
        {
            x[i, 0] = 1;
            for (int f = 0; f < levels[i].Length; f++)
                if (levels[i][f] >= 0) x[i, offsets[f] + levels[i][f]] = 1;
        }
        return (x, offsets);
    }
}
