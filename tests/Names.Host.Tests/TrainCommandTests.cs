using Names.Resolver.Scoring;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Sqlite;

namespace Names.Host.Tests;

/// <summary>`names train` on input it cannot fit exits 2 and stores no model; a stored model that does not load is refused.</summary>
public class TrainCommandTests
{
    private const string Input = "id,name,country\n1,Silver Lake Ltd,GB\n2,Silver Lake International Ltd,GB\n3,Quarrystone Pumps Inc,US\n";

    private static async Task<(string Db, string In)> ResolvedAsync(TempDir dir)
    {
        var input = dir.Write("in.csv", Input);
        var db = dir.File("r.db");
        Assert.Equal(0, (await CliRun.RunAsync("resolve", input, "--country-column", "country", "--db", db, "--out", dir.File("out.csv"))).ExitCode);
        return (db, input);
    }

    private static string Pairs(int count, Func<int, bool> isMatch) => "name1,name2,is_match\n" + string.Concat(Enumerable.Range(0, count)
        .Select(i => $"Firm{i} Valley Ltd,{(isMatch(i) ? $"FIRM{i} VALLEY LIMITED" : $"Firm{i} Valley Group Ltd")},{(isMatch(i) ? 1 : 0)}\n"));

    private static async Task AssertNoModelAsync(string db)
    {
        await using var store = await SqliteRegistryStore.OpenAsync(db);
        Assert.Null(await store.GetLatestModelAsync(null));
    }

    [Theory]
    [InlineData("one class", "all 30 labelled pairs say the same (match)")]
    [InlineData("too few", "10 labelled pairs are too few to fit a model")]
    [InlineData("bad label", "line 4: is_match 'maybe'")]
    public async Task Labels_that_cannot_be_fitted_exit_2_with_the_reason_and_store_nothing(string problem, string message)
    {
        using var dir = new TempDir();
        var (db, _) = await ResolvedAsync(dir);
        var labels = problem switch
        {
            "one class" => Pairs(30, _ => true),
            "too few" => Pairs(10, i => i % 2 == 0),
            _ => Pairs(30, i => i % 2 == 0).Replace("FIRM2 VALLEY LIMITED,1", "FIRM2 VALLEY LIMITED,maybe", StringComparison.Ordinal),
        };
        var r = await CliRun.RunAsync("train", "--db", db, "--labels", dir.Write("labels.csv", labels));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        await AssertNoModelAsync(db);
    }

    [Fact]
    public async Task Labels_by_registry_id_train_and_an_unknown_id_is_refused()
    {
        using var dir = new TempDir();
        var (db, _) = await ResolvedAsync(dir);
        var bad = await CliRun.RunAsync("train", "--db", db, "--labels", dir.Write("ids.csv", "id1,id2,is_match\nNO-SUCH-ID,NO-SUCH-ID-2,1\n"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("line 2: id 'NO-SUCH-ID' is not in the registry", bad.Stderr);
        await AssertNoModelAsync(db);
    }

    [Fact]
    public async Task A_stored_model_that_cannot_be_loaded_is_refused_and_the_run_uses_the_one_before()
    {
        using var dir = new TempDir();
        var (db, input) = await ResolvedAsync(dir);
        Assert.Equal(0, (await CliRun.RunAsync("train", "--db", db, "--labels", dir.Write("labels.csv", Pairs(40, i => i % 2 == 0)))).ExitCode);
        await using (var store = await SqliteRegistryStore.OpenAsync(db))
        {
            await PairScorerSerializer.SaveAsync(store, DefaultModel.Load(), "unsupervised");
            var trained = (await store.GetLatestModelAsync(BoostedTreeModel.KindName))!;
            await store.SaveModelAsync(BoostedTreeModel.KindName, trained.Parameters.Replace("\"Model\":\"", "\"Model\":\"AAAA", StringComparison.Ordinal), "damaged");
        }
        var r = await CliRun.RunAsync("resolve", input, "--country-column", "country", "--db", db, "--out", dir.File("again.csv"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("boosted_trees v3 cannot be loaded", r.Stderr);
        Assert.Contains("using fellegi_sunter v2 from the registry", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }
}
