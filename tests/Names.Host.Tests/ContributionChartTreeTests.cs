using Names.Host.Review;
using Names.Resolver.Scoring;

namespace Names.Host.Tests;

public class ContributionChartTreeTests
{
    [Fact]
    public void A_boosted_tree_explanation_says_its_bars_rank_the_features_and_do_not_add_up()
    {
        FeatureContribution[] tree = [new("numbers", 0, "different", -1.2), new(BoostedTreeModel.UnsupervisedFeature, 0, "fellegi_sunter log-odds +2.0", 0.4)];
        FeatureContribution[] weights = [new("numbers", 0, "different", -1.2), new("country", 1, "equal", 0.4)];
        Assert.Contains("do not add up to the score", ContributionChart.Render(tree).ToString());
        Assert.DoesNotContain("do not add up", ContributionChart.Render(weights).ToString());
    }
}
