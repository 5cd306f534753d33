using Names.Resolver.Evaluation;
using Names.Resolver.Scoring;
using Names.Resolver.Tests.Fixtures;

namespace Names.Resolver.Tests;

/// <summary>The namebench pair benchmark: counting, per-schema split, and the built-in model's figure on nomenklatura-namebench.</summary>
public sealed class PairBenchmarkTests
{
    [Fact]
    public void Counts_give_precision_recall_and_f1()
    {
        var c = new PairCounts(TruePositives: 6, FalsePositives: 2, FalseNegatives: 4, TrueNegatives: 10);
        Assert.Equal(0.75, c.Precision, 6);
        Assert.Equal(0.6, c.Recall, 6);
        Assert.Equal(2 * 0.75 * 0.6 / 1.35, c.F1, 6);
        Assert.Equal(0, new PairCounts(0, 0, 0, 3).F1);
    }

    [Fact]
    public void Identical_names_match_and_unrelated_names_do_not_split_by_schema()
    {
        PairCase[] cases =
        [
            new("Company", "Siemens AG", "SIEMENS AKTIENGESELLSCHAFT", true),
            new("Company", "Siemens AG", "Volkswagen AG", false),
            new("Person", "Angela Merkel", "Angela Merkel", true),
            new("Person", "Angela Merkel", "Olaf Scholz", false),
        ];
        var result = new PairBenchmark().Evaluate(cases, DefaultModel.Load(), 0.5).Single();
        Assert.Equal(new PairCounts(2, 0, 0, 2), result.Overall);
        Assert.Equal(new PairCounts(1, 0, 0, 1), result.BySchema["Company"]);
        Assert.Equal(new PairCounts(1, 0, 0, 1), result.BySchema["Person"]);
    }

    private static string Figures(PairBenchmarkResult r) =>
        $"P {r.Overall.Precision:0.000} R {r.Overall.Recall:0.000} F1 {r.Overall.F1:0.000}; " +
        string.Join("; ", r.BySchema.Select(kv => $"{kv.Key} F1 {kv.Value.F1:0.000}"));

    [Fact]
    public async Task Namebench_with_the_built_in_model_does_not_regress()
    {
        var cases = await PairCase.ReadAllAsync(Path.Combine(CsvFile.DatasetsRoot, "nomenklatura-namebench", "cases.csv"));
        Assert.Equal(826, cases.Count);
        var result = new PairBenchmark().Evaluate(cases, DefaultModel.Load(), 0.5).Single();
        // Measured 2026-11-21: P 0.677 R 0.833 F1 0.747 (Company 0.839, Person 0.697). The issue floor (0.88) is not met yet.
        Assert.True(result.Overall.F1 >= 0.73, Figures(result));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Namebench_cross_validated_supervised_scorer_meets_the_issue_floor()
    {
        var cases = await PairCase.ReadAllAsync(Path.Combine(CsvFile.DatasetsRoot, "nomenklatura-namebench", "cases.csv"));
        var f1 = new List<double>();
        foreach (var seed in new[] { 1, 2, 3 }) // three fold assignments: one split's luck is not the scorer's quality
        {
            var scores = new PairBenchmark().CrossValidate(cases, folds: 5, seed: seed);
            Assert.Equal(cases.Count, scores.Count);
            Assert.All(scores, s => Assert.InRange(s.Probability, 0, 1));
            Assert.All(scores.Where(s => s.Score is not null), s => Assert.Contains(s.Score!.Contributions, c => c.Feature == "person_parts" || c.Feature == "organisation_words"));
            var result = PairBenchmark.Evaluate(cases, scores.Select(s => s.Probability).ToList(), 0.5).Single();
            Assert.True(result.Overall.F1 >= 0.87, $"seed {seed}: {Figures(result)}");
            f1.Add(result.Overall.F1);
        }
        // Measured 2026-11-21: F1 0.881 / 0.893 / 0.885 (seeds 1/2/3); 0.838 / 0.848 / 0.850 before the word alignment levels.
        Assert.True(f1.Average() >= 0.88, $"mean F1 {f1.Average():F3} below the issue's 0.88");
    }
}
