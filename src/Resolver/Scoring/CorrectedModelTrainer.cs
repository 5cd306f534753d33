using MathNet.Numerics.LinearAlgebra;

namespace Names.Resolver.Scoring;

/// <summary>
/// Fits a <see cref="CorrectedModel"/> on labelled pairs (reviewers' decisions): logistic regression with the base
/// model's log-odds as a fixed offset, and an L2 penalty pulling every correction (intercept included) towards zero,
/// so the fit departs from the unsupervised model only as far as the decisions contradict it.
/// </summary>
public sealed class CorrectedModelTrainer(IPairScorer baseModel)
{
    /// <summary>The unsupervised model corrected (the base of a given corrected model).</summary>
    public IPairScorer Base { get; } = baseModel is CorrectedModel c ? c.Base : baseModel;
    /// <summary>Default <see cref="L2"/>, chosen on the dedupe-patstat-nl learning curve (README "Review (issue 5)").</summary>
    public const double DefaultL2 = 10.0;
    /// <summary>L2 penalty on the corrections: roughly how many decisions' worth of evidence a correction has to overcome.</summary>
    public double L2 { get; init; } = DefaultL2;
    public int MaxIterations { get; init; } = 50;

    /// <summary>Examples are levels under <see cref="Base"/>'s comparisons with the decision (true = same entity).</summary>
    public CorrectedModel Train(IReadOnlyList<(int[] Levels, bool IsMatch)> examples)
    {
        if (examples.Count == 0) throw new ArgumentException("no training examples");
        var features = Base.Comparisons.Features;
        var (x, offsets) = PenalisedLogisticFit.Indicators(examples.Select(e => e.Levels).ToList(), features.Select(f => f.Levels.Count).ToList());
        var y = Vector<double>.Build.Dense(examples.Count, i => examples[i].IsMatch ? 1 : 0);
        var offset = Vector<double>.Build.Dense(examples.Count, i => CorrectedModel.LogOdds(Base.Probability(examples[i].Levels)));
        var w = PenalisedLogisticFit.Fit(x, y, offset, Vector<double>.Build.Dense(x.ColumnCount, L2), MaxIterations);
        var corrections = features.Select((f, fi) => Enumerable.Range(0, f.Levels.Count).Select(l => w[offsets[fi] + l]).ToArray()).ToArray();
        return new CorrectedModel(Base, w[0], corrections);
    }
}
