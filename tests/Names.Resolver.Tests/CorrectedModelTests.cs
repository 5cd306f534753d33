using Names.Resolver.Comparison;
using Names.Resolver.Scoring;

namespace Names.Resolver.Tests;

public class CorrectedModelTests
{
    // An unsupervised model that puts "similar name, same country, different numbers" in the review band (p ~ 0.87)
    // and "near-identical name, same country, same numbers" well above the merge threshold.
    private static FellegiSunterModel Unsupervised() => new(
        new ComparisonSet([new NameSimilarityFeature(), new CountryFeature(), new NumbersFeature()]), 0.3,
        [[0.02, 0.03, 0.05, 0.1, 0.2, 0.1, 0.5], [0.1, 0.9], [0.2, 0.2, 0.6]],
        [[0.7, 0.15, 0.07, 0.04, 0.02, 0.01, 0.01], [0.6, 0.4], [0.6, 0.3, 0.1]]);

    private static readonly int[] ReviewBandPair = [4, 1, 1];
    private static readonly int[] ClearMatch = [6, 1, 2];

    private static List<(int[] Levels, bool IsMatch)> Decisions(int wrongOnes, int clearOnes) =>
        Enumerable.Repeat((ReviewBandPair, false), wrongOnes).Concat(Enumerable.Repeat((ClearMatch, true), clearOnes)).ToList();

    [Fact]
    public void Decisions_move_a_pair_the_unsupervised_model_gets_wrong_and_keep_the_ones_it_gets_right()
    {
        var unsupervised = Unsupervised();
        Assert.InRange(unsupervised.Probability(ReviewBandPair), 0.5, 0.9);
        var corrected = new CorrectedModelTrainer(unsupervised).Train(Decisions(60, 60));
        Assert.True(corrected.Probability(ReviewBandPair) < 0.5, $"p = {corrected.Probability(ReviewBandPair)}");
        Assert.True(corrected.Probability(ClearMatch) > 0.9, $"p = {corrected.Probability(ClearMatch)}");
    }

    [Fact]
    public void Few_decisions_leave_the_unsupervised_model_almost_unchanged_and_more_move_it_further()
    {
        var unsupervised = Unsupervised();
        var before = unsupervised.Probability(ReviewBandPair);
        var after = new[] { 1, 10, 60 }.Select(n => new CorrectedModelTrainer(unsupervised).Train(Decisions(n, n)).Probability(ReviewBandPair)).ToArray();
        Assert.InRange(before - after[0], 0, 0.1);
        Assert.True(after[0] > after[1] && after[1] > after[2], string.Join(", ", after));
    }

    [Fact]
    public void Without_decisions_against_it_the_corrected_model_scores_as_the_unsupervised_one()
    {
        var unsupervised = Unsupervised();
        // Decisions that agree with the model's confident scores need no correction.
        var corrected = new CorrectedModelTrainer(unsupervised).Train([([6, 1, 2], true), ([0, 0, 0], false)]);
        foreach (var levels in new[] { new[] { 3, 1, 1 }, [5, 0, -1], [1, 1, 2] })
            Assert.Equal(unsupervised.Probability(levels), corrected.Probability(levels), 2);
    }

    [Fact]
    public void Corrected_models_round_trip_explain_themselves_and_always_correct_the_unsupervised_base()
    {
        var corrected = new CorrectedModelTrainer(Unsupervised()).Train(Decisions(30, 30));
        var restored = PairScorerSerializer.Deserialize(corrected.Serialize());
        Assert.Equal(CorrectedModel.KindName, restored.Kind);
        Assert.Equal(corrected.Probability(ReviewBandPair), restored.Probability(ReviewBandPair), 12);
        var score = restored.Score(ReviewBandPair);
        Assert.Equal(corrected.Probability(ReviewBandPair), score.Probability, 12);
        Assert.Contains("(-", score.Explain()); // the corrections pushed some feature below zero
        // Training again from a corrected model starts over from its unsupervised base, not from the correction.
        var again = new CorrectedModelTrainer(restored);
        Assert.IsType<FellegiSunterModel>(again.Base);
    }
}
