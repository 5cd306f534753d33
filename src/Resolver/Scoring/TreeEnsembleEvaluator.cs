using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Names.Resolver.Scoring;

/// <summary>
/// The calibrated probability of a loaded FastTree model, read from its trees (ML.NET's own parameters: splits, leaf
/// values, Platt slope and offset) rather than through a <c>PredictionEngine</c>: a pair costs a walk down each tree,
/// not a trip through the data pipeline, and needs no per-thread state. Only numerical splits: the model's inputs
/// are ordinal levels and a log-odds.
/// </summary>
internal sealed class TreeEnsembleEvaluator
{
    private readonly Tree[] _trees;
    private readonly double _bias;
    private readonly double _slope;
    private readonly double _offset;

    private TreeEnsembleEvaluator(Tree[] trees, double bias, double slope, double offset) =>
        (_trees, _bias, _slope, _offset) = (trees, bias, slope, offset);

    /// <summary>Null when the predictor is not a Platt-calibrated FastTree with numerical splits only.</summary>
    public static TreeEnsembleEvaluator? From(ITransformer predictor)
    {
        if (predictor is not ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> calibrated)
            return null;
        var ensemble = calibrated.Model.SubModel.TrainedTreeEnsemble;
        var trees = new Tree[ensemble.Trees.Count];
        for (int t = 0; t < trees.Length; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.CategoricalSplitFlags.Any(c => c)) return null;
            trees[t] = new Tree(tree.LeftChild.ToArray(), tree.RightChild.ToArray(), tree.NumericalSplitFeatureIndexes.ToArray(),
                tree.NumericalSplitThresholds.ToArray(), tree.LeafValues.ToArray(), ensemble.TreeWeights[t]);
        }
        return new TreeEnsembleEvaluator(trees, ensemble.Bias, calibrated.Model.Calibrator.Slope, calibrated.Model.Calibrator.Offset);
    }

    public double Probability(ReadOnlySpan<float> features)
    {
        double score = _bias;
        foreach (var tree in _trees)
        {
            int node = 0;
            // A tree of one leaf has no split nodes.
            if (tree.Left.Length == 0) { score += tree.Weight * tree.Leaves[0]; continue; }
            while (node >= 0)
                node = features[tree.Feature[node]] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
            score += tree.Weight * tree.Leaves[~node];
        }
        return 1 / (1 + Math.Exp(_slope * score + _offset));
    }

    private sealed record Tree(int[] Left, int[] Right, int[] Feature, float[] Threshold, double[] Leaves, double Weight);
}
