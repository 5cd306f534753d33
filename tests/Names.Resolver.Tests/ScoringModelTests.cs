using Names.Resolver.Comparison;
using Names.Resolver.Scoring;

namespace Names.Resolver.Tests;

public class ScoringModelTests
{
    private static ComparisonSet ThreeFeatures() => new([new NameSimilarityFeature(), new CountryFeature(), new NumbersFeature()]);

    /// <summary>Draws pair levels from known m/u distributions.</summary>
    private static List<int[]> Generate(Random random, double[][] dist, int count) =>
        Enumerable.Range(0, count).Select(_ => dist.Select(row => Draw(random, row)).ToArray()).ToList();

    private static int Draw(Random random, double[] p)
    {
        var x = random.NextDouble();
        for (int i = 0; i < p.Length; i++) { x -= p[i]; if (x <= 0) return i; }
        return p.Length - 1;
    }

    [Fact]
    public void Em_recovers_known_m_probabilities_and_lambda()
    {
        var set = ThreeFeatures();
        double[][] m = [[0.02, 0.03, 0.05, 0.1, 0.2, 0.1, 0.5], [0.1, 0.9], [0.2, 0.2, 0.6]];
        double[][] u = [[0.7, 0.15, 0.07, 0.04, 0.02, 0.01, 0.01], [0.6, 0.4], [0.6, 0.3, 0.1]];
        var random = new Random(3);
        var matches = Generate(random, m, 3000);
        var nonMatches = Generate(random, u, 7000);
        var candidates = matches.Concat(nonMatches).OrderBy(_ => random.Next()).ToList();
        var trainer = new FellegiSunterTrainer(set);
        var uHat = trainer.EstimateU(Generate(random, u, 20000));
        var model = trainer.Train(candidates, uHat);
        Assert.InRange(model.Lambda, 0.27, 0.33);
        for (int f = 0; f < m.Length; f++)
            for (int l = 0; l < m[f].Length; l++)
                Assert.InRange(model.M[f][l], m[f][l] - 0.04, m[f][l] + 0.04);
        Assert.True(trainer.Iterations < trainer.MaxIterations, "EM did not converge");
        // The fitted model separates the generated classes.
        var accuracy = matches.Take(500).Count(l => model.Score(l).Probability > 0.5) + nonMatches.Take(500).Count(l => model.Score(l).Probability <= 0.5);
        Assert.True(accuracy > 900, $"accuracy {accuracy}/1000");
    }

    [Fact]
    public void Monotone_pooling_makes_weights_non_decreasing_and_keeps_monotone_rows()
    {
        double[][] u = [[0.5, 0.3, 0.2], [0.6, 0.4]];
        double[][] m = [[0.2, 0.1, 0.7], [0.3, 0.7]]; // level 1 weaker than level 0 in the first feature
        var fixedM = FellegiSunterTrainer.MonotoneRatios(m, u);
        var w = fixedM[0].Select((mi, l) => mi / u[0][l]).ToArray();
        Assert.True(w[0] <= w[1] + 1e-12 && w[1] <= w[2] + 1e-12);
        Assert.Equal(1.0, fixedM[0].Sum(), 9);
        Assert.Equal(m[1], FellegiSunterTrainer.MonotoneRatios(m, u)[1].Select(x => Math.Round(x, 12)).ToArray());
    }

    [Fact]
    public void Scores_explain_themselves_and_models_round_trip()
    {
        var set = ThreeFeatures();
        var model = new FellegiSunterModel(set, 0.1, [[0.02, 0.03, 0.05, 0.1, 0.2, 0.1, 0.5], [0.1, 0.9], [0.2, 0.2, 0.6]],
            [[0.7, 0.15, 0.07, 0.04, 0.02, 0.01, 0.01], [0.6, 0.4], [0.6, 0.3, 0.1]]);
        var score = model.Score([6, 1, -1]);
        Assert.Equal(Math.Log2(0.5 / 0.01), score.Contributions[0].Weight, 6);
        Assert.Equal(0, score.Contributions[2].Weight);
        var logit = Math.Log2(0.1 / 0.9) + score.Contributions.Sum(c => c.Weight);
        Assert.Equal(1 / (1 + Math.Pow(2, -logit)), score.Probability, 9);
        Assert.Contains("name_similarity compact key equal", score.Explain());

        var back = PairScorerSerializer.Deserialize(model.Serialize());
        Assert.Equal(score.Probability, back.Score([6, 1, -1]).Probability, 12);
        var lr = new LogisticRegressionModel(set, -1, [[0, 0, 0, 0, 1, 2, 3], [-1, 1], [-2, 0, 1]]);
        Assert.Equal(lr.Score([5, 0, 2]).Probability, PairScorerSerializer.Deserialize(lr.Serialize()).Score([5, 0, 2]).Probability, 12);
    }

    [Fact]
    public void The_built_in_default_model_loads()
    {
        var model = DefaultModel.Load();
        Assert.Equal(FellegiSunterModel.KindName, model.Kind);
        var same = model.Score(model.Comparisons.Compare(Rec("AKZO NOBEL"), Rec("AKZO NOBEL"), new TokenStatistics()));
        var different = model.Score(model.Comparisons.Compare(Rec("AKZO NOBEL"), Rec("SHELL OIL"), new TokenStatistics()));
        Assert.True(same.Probability > 0.9 && different.Probability < 0.1, $"{same.Probability} {different.Probability}");
    }

    private static NameRecord Rec(string key) => new(Names.Normalization.EntityKind.LegalEntity, key, key.Replace(" ", ""), "", "");
}
