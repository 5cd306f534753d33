using Names.Resolver.Comparison;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Sqlite;

namespace Names.Resolver.Tests;

public class BoostedTreeModelTests
{
    private static ComparisonSet ThreeFeatures() => new([new NameSimilarityFeature(), new CountryFeature(), new NumbersFeature()]);

    // Rates the name ladder high and the other two features little: it cannot see the interaction the labels hold.
    private static FellegiSunterModel Unsupervised() => new(ThreeFeatures(), 0.3,
        [[0.02, 0.03, 0.05, 0.1, 0.2, 0.1, 0.5], [0.45, 0.55], [0.3, 0.3, 0.4]],
        [[0.7, 0.15, 0.07, 0.04, 0.02, 0.01, 0.01], [0.5, 0.5], [0.35, 0.35, 0.3]]);

    /// <summary>A match when the name is similar (level 4+) and the numbers do not differ (level 0), or the name is equal (6).</summary>
    private static bool Truth(int[] l) => l[0] == 6 || (l[0] >= 4 && l[2] != 0);

    private static List<(int[] Levels, bool IsMatch)> Examples(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            int[] levels = [random.Next(0, 7), random.Next(-1, 2), random.Next(-1, 3)];
            return (levels, Truth(levels));
        }).ToList();
    }

    private static BoostedTreeModel Train(int count = 600, int seed = 1) => new BoostedTreeTrainer(ThreeFeatures(), Unsupervised()).Train(Examples(count, seed));

    [Fact]
    public void Learns_an_interaction_the_unsupervised_model_misses_and_gives_calibrated_probabilities()
    {
        using var model = Train();
        var test = Examples(500, 2);
        var unsupervised = Unsupervised();
        int right = test.Count(e => model.Probability(e.Levels) >= 0.5 == e.IsMatch);
        int rightBefore = test.Count(e => unsupervised.Probability(e.Levels) >= 0.5 == e.IsMatch);
        Assert.True(right >= 495, $"{right}/500 right");
        Assert.True(rightBefore < 450, $"the unsupervised model already gets {rightBefore}/500 right: the test shows nothing");
        Assert.InRange(model.Probability([5, 1, 0]), 0, 0.1);   // similar name, numbers differ
        Assert.InRange(model.Probability([5, 1, 2]), 0.9, 1);   // similar name, numbers equal
    }

    [Fact]
    public void Round_trips_through_its_stored_form_and_explains_with_the_feature_that_decides()
    {
        using var model = Train();
        var restored = PairScorerSerializer.Deserialize(model.Serialize());
        Assert.Equal(BoostedTreeModel.KindName, restored.Kind);
        foreach (var levels in Examples(50, 3).Select(e => e.Levels))
            Assert.Equal(model.Probability(levels), restored.Probability(levels), 6);
        var score = restored.Score([5, 1, 0]);
        Assert.Equal(model.Probability([5, 1, 0]), score.Probability, 6);
        Assert.Equal(["name_similarity", "country", "numbers", BoostedTreeModel.UnsupervisedFeature], score.Contributions.Select(c => c.Feature));
        // Numbers differing is what makes this similar name no match: the strongest push against it.
        Assert.Equal("numbers", score.Contributions.OrderBy(c => c.Weight).First().Feature);
        Assert.DoesNotContain("-+", restored.Score([5, 1, 2]).Explain());
    }

    [Fact]
    public void Probabilities_read_from_the_trees_are_what_the_ML_NET_prediction_engine_gives()
    {
        using var model = Train();
        var restored = (BoostedTreeModel)PairScorerSerializer.Deserialize(model.Serialize());
        for (int name = 0; name < 7; name++)
            for (int country = -1; country < 2; country++)
                for (int numbers = -1; numbers < 3; numbers++)
                {
                    int[] levels = [name, country, numbers];
                    Assert.Equal(restored.EngineProbability(levels), restored.Probability(levels), 5);
                }
    }

    [Fact]
    public void Training_is_deterministic()
    {
        using var a = Train();
        using var b = Train();
        var levels = Examples(100, 4).Select(e => e.Levels).ToList();
        Assert.Equal(levels.Select(a.Probability), levels.Select(b.Probability));
    }

    [Fact]
    public void Threads_scoring_at_once_get_the_answers_of_one_thread()
    {
        using var model = Train();
        var levels = Examples(4000, 5).Select(e => e.Levels).ToArray();
        var expected = levels.Select(model.Probability).ToArray();
        var actual = new double[levels.Length];
        var explained = new double[levels.Length];
        Parallel.For(0, levels.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            actual[i] = model.Probability(levels[i]);
            explained[i] = model.Score(levels[i]).Probability;
        });
        Assert.Equal(expected, actual);
        Assert.Equal(expected, explained);
    }

    [Fact]
    public void Refuses_too_few_pairs_and_a_single_class()
    {
        var trainer = new BoostedTreeTrainer(ThreeFeatures(), Unsupervised());
        var few = Assert.Throws<TrainingDataException>(() => trainer.Train(Examples(BoostedTreeTrainer.MinimumPairs - 1, 1)));
        Assert.Contains("too few", few.Message);
        var oneClass = Assert.Throws<TrainingDataException>(() => trainer.Train(Examples(200, 1).Where(e => e.IsMatch).ToList()));
        Assert.Contains("all", oneClass.Message);
        Assert.Contains("match", oneClass.Message);
    }

    [Fact]
    public async Task A_stored_model_that_cannot_be_loaded_is_refused_and_the_unsupervised_one_before_it_is_used()
    {
        var path = Path.Combine(Path.GetTempPath(), $"names-tree-{Guid.NewGuid():N}.db");
        try
        {
            await using var store = await SqliteRegistryStore.OpenAsync(path);
            await PairScorerSerializer.SaveAsync(store, Unsupervised(), "em");
            using var model = Train();
            var damaged = model.Serialize().Replace("\"Model\":\"", "\"Model\":\"AAAA", StringComparison.Ordinal);
            await store.SaveModelAsync(BoostedTreeModel.KindName, damaged, "damaged");
            var loaded = await PairScorerSerializer.LoadAsync(store);
            Assert.NotNull(loaded);
            Assert.Equal((FellegiSunterModel.KindName, 1L), (loaded.Scorer.Kind, loaded.Version!.Version));
            Assert.Contains("boosted_trees v2 cannot be loaded", loaded.Refused);
        }
        finally
        {
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        }
    }

    [Fact]
    public void Models_of_the_earlier_supervised_kinds_still_load()
    {
        var set = ThreeFeatures();
        var lr = new LogisticRegressionModel(set, -1, [[0, 0, 0, 0, 1, 2, 3], [-1, 1], [-2, 0, 1]]);
        Assert.Equal(lr.Probability([5, 0, 2]), PairScorerSerializer.Deserialize(lr.Serialize()).Probability([5, 0, 2]), 12);
        var corrected = new CorrectedModel(Unsupervised(), 0.5, [[0, 0, 0, 0, -1, 0, 0], [0, 0], [-2, 0, 1]]);
        Assert.Equal(corrected.Probability([4, 1, 0]), PairScorerSerializer.Deserialize(corrected.Serialize()).Probability([4, 1, 0]), 12);
    }
}
