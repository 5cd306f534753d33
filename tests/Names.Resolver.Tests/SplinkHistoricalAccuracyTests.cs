using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Evaluation;
using Names.Resolver.Resolution;
using Names.Resolver.Storage;
using Names.Resolver.Tests.Fixtures;

namespace Names.Resolver.Tests;

/// <summary>
/// Issue 3 floor on splink-historical50k (persons with date of birth, place, postcode, gender, occupation), in the CLI
/// flow: structured name parts, default kind person, the model estimated by EM from the rows (no labels); the truth
/// column (cluster) only scores the output.
/// </summary>
public sealed class SplinkHistoricalAccuracyTests
{
    private static readonly string[] ContextColumns = ["dob", "birth_place", "postcode_fake", "gender", "occupation"];

    private static async Task<ClusterMetrics> ResolveWithoutTruthAsync()
    {
        var rows = CsvFile.Read(Path.Combine(CsvFile.DatasetsRoot, "splink-historical50k", "historical_figures_with_errors_50k.csv"));
        var inputs = rows.Select((r, i) => new ResolveInput(r["first_and_surname"], Kind: "person", FamilyName: r["surname"], GivenNames: r["first_name"],
            Row: i, SourceRecordId: r["unique_id"], Context: ContextColumns.ToDictionary(c => c, c => r[c]))).ToList();
        var model = new ModelTrainer().EstimateFellegiSunter(inputs, ContextColumns);
        await using var store = await SqliteRegistryStore.OpenAsync(":memory:");
        var engine = await ResolutionEngine.OpenAsync(store, new ResolutionOptions(), model);
        var results = (await engine.ResolveAllAsync(inputs)).GroupBy(r => r.Input.Row).Select(g => g.First()).ToList();
        Assert.Equal(rows.Count, results.Count);
        // As `names eval` counts: rows without a usable name (67, rejected, no id) are left out, not pooled into one cluster.
        var scored = results.Where(r => r.GlobalId.Length > 0).ToList();
        Assert.True(scored.Count > rows.Count * 0.99);
        return ClusterMetrics.Compute(scored.Select(r => r.GlobalId).ToList(), scored.Select(r => rows[(int)r.Input.Row]["cluster"]).ToList());
    }

    private static string Figures(ClusterMetrics m) =>
        $"pairwise P {m.PairPrecision:0.000} R {m.PairRecall:0.000} F1 {m.PairF1:0.000}; B-cubed P {m.BCubedPrecision:0.000} R {m.BCubedRecall:0.000} F1 {m.BCubedF1:0.000}; clusters {m.PredictedClusters}/{m.TrueClusters}";

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Resolution_meets_the_issue_floor_without_the_truth_column()
    {
        var m = await ResolveWithoutTruthAsync();
        // Measured 2026-11-21: B-cubed P 0.983 R 0.921 F1 0.951 (was F1 0.912 before context blocking, nicknames, title
        // words and joins within a chunk; 0.63 before the person model). Exact-name clustering alone would give B-cubed
        // precision 0.93: homonyms must still be separated by their dates and places.
        Assert.True(m.BCubedPrecision >= 0.975, Figures(m));
        Assert.True(m.BCubedF1 >= 0.95, Figures(m));
    }
}
