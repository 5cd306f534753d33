using Names.Resolver.Evaluation;
using Names.Resolver.Resolution;
using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Tests.Fixtures;

namespace Names.Resolver.Tests;

/// <summary>
/// A run's estimate of its own accuracy (<see cref="AccuracyEstimator"/>), from the probabilities of its decisions:
/// scripted scores give figures that can be worked out by hand; on a labelled set the estimate is held against the truth.
/// </summary>
public sealed class AccuracyEstimatorTests
{
    private static ResolveInput Org(string name, long row) => new(name, Kind: "legal_entity", Row: row);

    private static async Task<AccuracyEstimate> EstimateAsync(TableScorer scorer, params string[] names)
    {
        await using var store = await SqliteRegistryStore.OpenAsync(":memory:");
        var engine = await ResolutionEngine.OpenAsync(store, ResolutionEngineTests.ScriptedOptions, scorer);
        await engine.ResolveAllAsync(names.Select((n, i) => Org(n, i + 1)));
        return engine.Statistics.Accuracy!;
    }

    [Fact]
    public async Task A_run_with_no_links_estimates_recall_from_the_candidates_it_kept_apart()
    {
        // 0.7 is in the review band: two ids and a proposal, no link.
        var e = await EstimateAsync(new TableScorer([("NORTH STAR", "NORTH STAR LIGHT", 0.7)]), "North Star BV", "North Star Light BV");
        Assert.Equal(0, e.Links);
        Assert.Equal(1.0, e.BCubedPrecision, 6);
        // Each party's entity is the other one's with probability 0.7: expected share found 1 / (1 + 0.7).
        Assert.Equal(1 / 1.7, e.BCubedRecall, 6);
        Assert.Equal(0.7, e.ExpectedMissedLinks, 6);
        Assert.Equal(0.7, e.MissedLinksByBand[14], 6);
        Assert.Equal(1, e.PairsApart);
    }

    [Fact]
    public async Task A_link_counts_as_wrong_with_one_minus_its_probability()
    {
        var e = await EstimateAsync(new TableScorer([("NORTH STAR", "NORTH STAR LIGHT", 0.99)]), "North Star BV", "North Star Light BV", "North Star BV");
        Assert.Equal(1, e.Links);
        Assert.Equal(0.01, e.ExpectedFalseLinks, 6);
        Assert.Equal(0.01, e.FalseLinksByBand[19], 6);
        // Three parties in one cluster: two of the first variant (certain), one linked at 0.99. Right, each party's cluster
        // is all its entity's; wrong, the linked party stands alone in a cluster of 3.
        var linked = 0.99 * 1 + 0.01 * (1 / 3.0);
        var first = (2 * 0.99 * 1 + 2 * 0.01 * (2 / 3.0)) / 2;
        Assert.Equal((2 * first + linked) / 3, e.BCubedPrecision, 6);
        Assert.Equal(1.0, e.BCubedRecall, 6);
        Assert.Equal(0, e.ExpectedMissedLinks);
    }

    [Fact]
    public void Entities_never_compared_are_not_seen()
    {
        var estimator = new AccuracyEstimator();
        estimator.Decided(1, "A", 1, []);
        estimator.Decided(2, "B", 1, []);
        estimator.AddRow(1, "A");
        estimator.AddRow(2, "B");
        var e = estimator.Estimate();
        Assert.Equal(1.0, e.BCubedPrecision);
        Assert.Equal(1.0, e.BCubedRecall);
    }
}
