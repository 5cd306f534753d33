using Names.Resolver.Evaluation;

namespace Names.Resolver.Tests;

public class ClusterMetricsTests
{
    [Fact]
    public void Perfect_clustering_scores_one()
    {
        var m = ClusterMetrics.Compute(["a", "a", "b"], ["x", "x", "y"]);
        Assert.Equal((1.0, 1.0, 1.0, 1.0), (m.PairPrecision, m.PairRecall, m.BCubedPrecision, m.BCubedRecall));
    }

    [Fact]
    public void Hand_computed_example()
    {
        // Truth {1,2,3} {4,5}; predicted {1,2} {3,4,5}.
        var m = ClusterMetrics.Compute(["p", "p", "q", "q", "q"], ["t", "t", "t", "u", "u"]);
        // Pairs: predicted 1 + 3 = 4, true 3 + 1 = 4, correct (1,2) and (4,5) = 2.
        Assert.Equal(0.5, m.PairPrecision, 9);
        Assert.Equal(0.5, m.PairRecall, 9);
        // B-cubed precision: items 1,2: 2/2; item 3: 1/3; items 4,5: 2/3 -> (1+1+1/3+2/3+2/3)/5.
        Assert.Equal((1 + 1 + 1.0 / 3 + 2.0 / 3 + 2.0 / 3) / 5, m.BCubedPrecision, 9);
        // B-cubed recall: items 1,2: 2/3; item 3: 1/3; items 4,5: 2/2.
        Assert.Equal((2.0 / 3 + 2.0 / 3 + 1.0 / 3 + 1 + 1) / 5, m.BCubedRecall, 9);
        Assert.Equal((2, 2), (m.PredictedClusters, m.TrueClusters));
    }

    [Fact]
    public void Everything_in_one_cluster_has_full_recall_and_low_precision()
    {
        var m = ClusterMetrics.Compute(["a", "a", "a", "a"], ["x", "y", "z", "w"]);
        Assert.Equal(0, m.PairPrecision);
        Assert.Equal(1, m.PairRecall);
        Assert.Equal(0.25, m.BCubedPrecision, 9);
    }
}
