using Names.Testing;

namespace Names.Host.Tests;

/// <summary>`names train --pretrained`: the same sets and seed give the same model bytes; input it cannot use exits 2 and writes nothing.</summary>
public class PretrainedTrainingTests
{
    private static string Root => Path.GetDirectoryName(CsvFile.DatasetsRoot)!;

    /// <summary>Small copies of two real sets (patstat rows, namebench pairs) and a manifest over them.</summary>
    private static string SmallSets(TempDir dir, string pairsPerSet = "300", string? pairs = null)
    {
        var patstat = File.ReadLines(Path.Combine(CsvFile.DatasetsRoot, "dedupe-patstat-nl", "patstat_reference.csv")).Take(801);
        dir.Write("orgs.csv", string.Join("\n", patstat) + "\n");
        dir.Write("pairs.csv", pairs ?? string.Join("\n", File.ReadLines(Path.Combine(CsvFile.DatasetsRoot, "nomenklatura-namebench", "cases.csv")).Take(301)) + "\n");
        return dir.Write("sets.json", $$"""
            { "pairsPerSet": {{pairsPerSet}}, "seed": 1, "sets": [
              { "name": "orgs", "file": "orgs.csv", "column": "person_name", "truth": "leuven_id" },
              { "name": "pairs", "file": "pairs.csv", "format": "pairs" } ] }
            """);
    }

    private static Task<CliRunResult> TrainAsync(TempDir dir, string manifest, string output, params string[] more) =>
        CliRun.RunAsync(["train", "--pretrained", manifest, "--datasets", dir.Path, "--out", output, .. more]);

    [Fact]
    public async Task The_same_sets_and_seed_give_the_same_model_bytes_and_another_seed_another_model()
    {
        using var dir = new TempDir();
        var manifest = SmallSets(dir);
        foreach (var (file, seed) in new[] { ("a.json", "1"), ("b.json", "1"), ("c.json", "2") })
        {
            var r = await TrainAsync(dir, manifest, dir.File(file), "--seed", seed);
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Contains("orgs", r.Stderr);
        }
        Assert.Equal(File.ReadAllBytes(dir.File("a.json")), File.ReadAllBytes(dir.File("b.json")));
        Assert.NotEqual(File.ReadAllBytes(dir.File("a.json")), File.ReadAllBytes(dir.File("c.json")));

        // The written file is a model `names eval-pairs --model` scores with.
        var scored = await CliRun.RunAsync("eval-pairs", dir.File("pairs.csv"), "--model", dir.File("a.json"));
        Assert.True(scored.ExitCode == 0, scored.Stderr);
        Assert.Contains("a.json", scored.Stdout);
    }

    [Fact]
    public async Task Leaving_a_set_out_trains_on_the_others()
    {
        using var dir = new TempDir();
        var manifest = SmallSets(dir);
        var r = await TrainAsync(dir, manifest, dir.File("m.json"), "--leave-out", "pairs");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("left out", r.Stderr);
        Assert.DoesNotContain("  pairs ", r.Stderr.Replace("left out", "", StringComparison.Ordinal));
        Assert.NotEqual(File.ReadAllBytes(dir.File("m.json")), (await TrainAndReadAsync(dir, manifest)));
    }

    private static async Task<byte[]> TrainAndReadAsync(TempDir dir, string manifest)
    {
        Assert.Equal(0, (await TrainAsync(dir, manifest, dir.File("all.json"))).ExitCode);
        return File.ReadAllBytes(dir.File("all.json"));
    }

    [Theory]
    [InlineData("unknown set", "--leave-out 'nosuch' is not a set of")]
    [InlineData("one class", "no model written: all")]
    [InlineData("too few", "no model written: 5 labelled pairs are too few")]
    [InlineData("no out", "--pretrained needs --out FILE")]
    public async Task Input_it_cannot_train_on_exits_2_and_writes_no_model(string problem, string message)
    {
        using var dir = new TempDir();
        var onlyPairs = "schema,name1,name2,is_match\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"Company,Firm{i} Ltd,FIRM{i} LIMITED,{(problem == "one class" || i % 2 == 0 ? "true" : "false")}\n"));
        var manifest = SmallSets(dir, problem == "too few" ? "5" : "300", onlyPairs);
        var output = dir.File("m.json");
        string[] args = problem switch
        {
            "unknown set" => ["--leave-out", "nosuch"],
            "one class" or "too few" => ["--leave-out", "orgs"],
            _ => [],
        };
        var r = problem == "no out"
            ? await CliRun.RunAsync("train", "--pretrained", manifest, "--datasets", dir.Path)
            : await TrainAsync(dir, manifest, output, args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Eval_refuses_a_model_file_it_cannot_read()
    {
        using var dir = new TempDir();
        var input = dir.Write("in.csv", "name,truth\nAcme Ltd,1\nACME LIMITED,1\n");
        var r = await CliRun.RunAsync("eval", input, "--truth-column", "truth", "--model", dir.Write("bad.json", "{\"Kind\":\"boosted_trees\"}"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--model", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task The_committed_command_reproduces_the_shipped_model()
    {
        using var dir = new TempDir();
        var r = await CliRun.RunAsync("train", "--pretrained", Path.Combine(Root, "src", "Resolver", "Data", "models", "training-sets.json"),
            "--datasets", CsvFile.DatasetsRoot, "--out", dir.File("default.json"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Root, "src", "Resolver", "Data", "models", "default-pair-model.json")), File.ReadAllBytes(dir.File("default.json")));
    }
}
