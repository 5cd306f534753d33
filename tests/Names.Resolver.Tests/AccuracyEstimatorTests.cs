using Names.Normalization;
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

    private static Task<AccuracyEstimate> EstimateAsync(TableScorer scorer, params string[] names) =>
        EstimateAsync(scorer, ResolutionEngineTests.ScriptedOptions, names);

    private static async Task<AccuracyEstimate> EstimateAsync(TableScorer scorer, ResolutionOptions options, params string[] names)
    {
        await using var store = await SqliteRegistryStore.OpenAsync(":memory:");
        var engine = await ResolutionEngine.OpenAsync(store, options, scorer);
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
        // Each party's entity is the other one's with probability 0.7, and then it finds half of it: 0.3 + 0.7 / 2.
        Assert.Equal(0.65, e.BCubedRecall, 6);
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
    public async Task A_small_entity_kept_apart_from_a_large_one_loses_recall_only_if_they_are_one()
    {
        // Three parties of NORTH STAR, one of NORTH STAR LIGHT, kept apart at 0.7. If one (0.7), the three find 3 of 4
        // and the one finds 1 of 4; if not, each finds all of its entity.
        var e = await EstimateAsync(new TableScorer([("NORTH STAR", "NORTH STAR LIGHT", 0.7)]),
            "North Star BV", "North Star BV", "North Star BV", "North Star Light BV");
        Assert.Equal((3 * (1 - 0.7 * 1 / 4.0) + (1 - 0.7 * 3 / 4.0)) / 4, e.BCubedRecall, 6);
    }

    [Fact]
    public void Candidates_kept_apart_are_alternatives_sharing_one_posterior()
    {
        // A name scored 0.7 with two entities is one of them at most: odds 7/3 each, shared with the odds 1 of neither.
        var scorer = new TableScorer([]);
        var match = (string id) => new EntityMatch(id, 0, 0, 0.7, [1], 1, 0, true, scorer);
        var estimator = new AccuracyEstimator();
        foreach (var (variant, entity) in new[] { (1L, "A"), (2L, "B"), (3L, "C") })
        {
            estimator.Decided(variant, entity, 1, variant == 3 ? [match("A"), match("B")] : []);
            estimator.AddRow(variant, entity, Party("X"));
        }
        var e = estimator.Estimate();
        var share = (7 / 3.0) / (1 + 2 * 7 / 3.0);
        Assert.Equal(2 * share, e.ExpectedMissedLinks, 6);
        Assert.Equal(2, e.PairsApart);
    }

    [Fact]
    public async Task A_pair_a_name_rule_held_below_the_model_counts_at_even_odds()
    {
        // The model says 0.99; the subset-name rule caps it at 0.8 (review): a policy, not evidence that it is 0.8 likely.
        var options = new ResolutionOptions();
        var e = await EstimateAsync(new TableScorer([("NORTH STAR", "NORTH STAR LIGHT", 0.99)]), options, "North Star BV", "North Star Light BV");
        Assert.Equal(0, e.Links);
        Assert.Equal(0.5, e.ExpectedMissedLinks, 6);
        Assert.Equal(0.75, e.BCubedRecall, 6);
    }

    [Fact]
    public async Task Rows_of_a_known_name_under_another_legal_form_are_the_same_company_at_even_odds()
    {
        // One name key, SUMMIT: two rows as LLC, one as INC. The INC row is the LLC's at 0.5; if not, it stands alone.
        var e = await EstimateAsync(new TableScorer([]), "Summit LLC", "Summit LLC", "Summit Inc");
        Assert.Equal(0, e.Links);
        var right = (2 * (0.5 * 1 + 0.5 * (2 / 3.0)) + (0.5 * 1 + 0.5 * (1 / 3.0))) / 3;
        Assert.Equal(right, e.BCubedPrecision, 6);
        Assert.Equal(1.0, e.BCubedRecall, 6);
    }

    [Fact]
    public void Entities_never_compared_are_not_seen()
    {
        var estimator = new AccuracyEstimator();
        estimator.Decided(1, "A", 1, []);
        estimator.Decided(2, "B", 1, []);
        estimator.AddRow(1, "A", Party("A"));
        estimator.AddRow(2, "B", Party("B"));
        var e = estimator.Estimate();
        Assert.Equal(1.0, e.BCubedPrecision);
        Assert.Equal(1.0, e.BCubedRecall);
    }

    private static Party Party(string name) => new() { RawName = name, DisplayName = name, NameKey = name, CompactKey = name };
}
