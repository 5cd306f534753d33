using System.Text.Json;

namespace Names.Host.Tests;

/// <summary>`names eval --learning-curve` on dedupe-patstat-nl (real names, KU Leuven truth).</summary>
public class LearningCurveTests
{
    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Names.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public async Task The_curve_trains_on_the_first_decisions_and_compares_each_model_with_the_unsupervised_one()
    {
        using var dir = new TempDir();
        // The whole set: 800 rows leave fewer pairs in the review band than a model needs.
        var input = Path.Combine(RepoRoot(), "datasets", "dedupe-patstat-nl", "patstat_reference.csv");
        var json = dir.File("curve.json");
        var r = await CliRun.RunAsync("eval", input, "--column", "person_name", "--truth-column", "leuven_id", "--learning-curve", "40,20,5,100000", "--json", json);
        Assert.Equal(0, r.ExitCode);
        var table = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("decisions", table[0]);
        Assert.StartsWith("unsupervised", table[1]);
        // 5 decisions are too few to fit, and the first 20 asked may all say "match" (one class): no point for them.
        Assert.Matches("^(20|40) ", table[2]);
        Assert.Contains("the supervised scorer", table[^1]);

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var points = doc.RootElement.GetProperty("points").EnumerateArray().ToList();
        // 20, 40 and every pair of the review band, as far as the band has pairs: fewer than 100,000 here.
        var decisions = points.Select(p => p.GetProperty("decisions").GetInt32()).ToList();
        Assert.Contains(decisions[0], new[] { 20, 40 });
        Assert.Equal(decisions.Order(), decisions);
        Assert.InRange(decisions[^1], 40, 99_999);
        Assert.All(points, p => Assert.InRange(p.GetProperty("matches").GetInt32(), 0, p.GetProperty("decisions").GetInt32()));
        Assert.All(points, p => Assert.InRange(p.GetProperty("metrics").GetProperty("bCubedF1").GetDouble(), 0.3, 1.0));
        Assert.Equal(2, (await CliRun.RunAsync("eval", input, "--column", "person_name", "--truth-column", "leuven_id", "--learning-curve", "ten")).ExitCode);
    }
}
