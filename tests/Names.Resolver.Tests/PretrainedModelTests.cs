using System.Text.Json;
using Names.Normalization;
using Names.Resolver.Evaluation;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;
using Names.Resolver.Service;
using Names.Resolver.Storage.Sqlite;
using Names.Testing;

namespace Names.Resolver.Tests;

/// <summary>The shipped pretrained model (src/Resolver/Data/models/default-pair-model.json) is what a fresh registry resolves with, bulk and online.</summary>
public class PretrainedModelTests
{
    /// <summary>The ML.NET bytes of the data file in the source tree, read apart from the resolver's own loading.</summary>
    private static byte[] ShippedModelBytes()
    {
        var root = Path.GetDirectoryName(CsvFile.DatasetsRoot)!;
        var json = File.ReadAllText(Path.Combine(root, "src", "Resolver", "Data", "models", "default-pair-model.json"));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(BoostedTreeModel.KindName, doc.RootElement.GetProperty("Kind").GetString());
        return Convert.FromBase64String(doc.RootElement.GetProperty("Model").GetString()!);
    }

    [Fact]
    public async Task A_fresh_registry_resolves_bulk_and_online_with_the_shipped_model()
    {
        var shipped = ShippedModelBytes();
        var dir = Directory.CreateTempSubdirectory("names-pretrained-").FullName;
        try
        {
            var path = Path.Combine(dir, "names.db");
            await using (var store = await SqliteRegistryStore.OpenAsync(path))
            {
                var model = Assert.IsType<BoostedTreeModel>(await RegistryModel.LoadAsync(store));
                Assert.Equal(shipped, model.ModelBytes);
                var engine = await ResolutionEngine.OpenAsync(store, new ResolutionOptions { Seed = 1 });
                Assert.Equal(shipped, Assert.IsType<BoostedTreeModel>(engine.Scorer).ModelBytes);
            }
            await using var registry = await SqliteOnlineRegistry.OpenAsync(path);
            using var normalizer = NameNormalizer.CreateDefault();
            var online = await OnlineResolver.CreateAsync(registry, normalizer);
            Assert.Equal(shipped, Assert.IsType<BoostedTreeModel>(online.Scorer).ModelBytes);
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
