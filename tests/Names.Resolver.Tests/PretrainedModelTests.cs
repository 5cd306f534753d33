using Names.Normalization;
using Names.Resolver.Evaluation;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;
using Names.Resolver.Service;
using Names.Resolver.Storage.Sqlite;
using Names.Testing;

namespace Names.Resolver.Tests;

/// <summary>Which model a fresh registry resolves with, bulk and online; what the shipped pretrained model (src/Resolver/Data/models/default-pair-model.json) decides.</summary>
public class PretrainedModelTests
{
    [Fact]
    public async Task A_fresh_registry_resolves_bulk_and_online_with_the_built_in_model()
    {
        // The pretrained model is measured below the built-in one on most left-out sets (docs/benchmarks.md), so a fresh
        // registry keeps the built-in model, on every path alike.
        var builtin = File.ReadAllText(Path.Combine(Path.GetDirectoryName(CsvFile.DatasetsRoot)!, "src", "Resolver", "Data", DefaultModel.FileName));
        var expected = PairScorerSerializer.Deserialize(builtin).Serialize();
        var dir = Directory.CreateTempSubdirectory("names-pretrained-").FullName;
        try
        {
            var path = Path.Combine(dir, "names.db");
            await using (var store = await SqliteRegistryStore.OpenAsync(path))
            {
                Assert.Equal(expected, Assert.IsType<FellegiSunterModel>(await RegistryModel.LoadAsync(store)).Serialize());
                var engine = await ResolutionEngine.OpenAsync(store, new ResolutionOptions { Seed = 1 });
                Assert.Equal(expected, Assert.IsType<FellegiSunterModel>(engine.Scorer).Serialize());
            }
            await using var registry = await SqliteOnlineRegistry.OpenAsync(path);
            using var normalizer = NameNormalizer.CreateDefault();
            var online = await OnlineResolver.CreateAsync(registry, normalizer);
            Assert.Equal(expected, Assert.IsType<FellegiSunterModel>(online.Scorer).Serialize());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_shipped_model_decides_person_name_pairs_that_the_built_in_model_gets_wrong()
    {
        // The built-in model was estimated on organisations: person-name levels carry no weight in it.
        PairCase[] cases =
        [
            new("Person", "de Vries, Jan", "de Vries, J.", true),
            new("Person", "de Vries, Jan", "de Vries, Piet", false),
            new("Person", "de Vries, Jan", "de Boer, Jan", false),
            new("Person", "John Smith", "Jon Smith", true),
            new("Person", "John Smith", "John Smyth", true),
            new("Company", "Siemens AG", "Siemens Aktiengesellschaft", true),
            new("Company", "University of Michigan", "University of Manchester", false),
        ];
        var benchmark = new PairBenchmark();
        var builtin = benchmark.Evaluate(cases, DefaultModel.Load(), 0.5).Single().Overall;
        var pretrained = benchmark.Evaluate(cases, DefaultModel.Pretrained(), 0.5).Single().Overall;
        Assert.True(builtin.F1 < 0.8, $"built-in {builtin}");
        Assert.Equal(new PairCounts(4, 0, 0, 3), pretrained);
    }
}
