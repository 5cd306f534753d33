using System.Globalization;
using System.Text.RegularExpressions;

namespace Names.Host.Tests;

public class SynthCommandTests
{
    [Fact]
    public async Task Same_seed_gives_the_same_file_and_another_seed_another()
    {
        var a = await CliRun.RunAsync("synth", "--rows", "500", "--seed", "11");
        var b = await CliRun.RunAsync("synth", "--rows", "500", "--seed", "11");
        var c = await CliRun.RunAsync("synth", "--rows", "500", "--seed", "12");
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(a.Stdout, b.Stdout);
        Assert.NotEqual(a.Stdout, c.Stdout);
    }

    [Fact]
    public async Task Covers_countries_scripts_kinds_and_repeats_entities_with_skew()
    {
        using var dir = new TempDir();
        var path = dir.File("synth.csv");
        var run = await CliRun.RunAsync("synth", "--rows", "20000", "--seed", "3", "--out", path);
        Assert.Equal(0, run.ExitCode);
        var (header, rows) = CsvTestReader.ParseFile(path);
        Assert.Equal(new[] { "record_id", "name", "country", "kind", "entity_id" }, header);
        Assert.Equal(20000, rows.Count);
        Assert.Equal(20000, rows.Select(r => r[0]).Distinct().Count());

        Assert.True(rows.Select(r => r[2]).Where(c => c != "").Distinct().Count() >= 15);
        var names = string.Join("\n", rows.Select(r => r[1]));
        foreach (var script in new[] { "Latin", "Cyrillic", "Greek", "Han", "Hangul", "Katakana", "Hiragana", "Arabic", "Hebrew" })
            Assert.True(Regex.IsMatch(names, $@"\p{{Is{ScriptBlock(script)}}}"), $"no {script} name");

        Assert.Contains(rows, r => r[3] == "person");
        Assert.Contains(rows, r => r[3] == "legal_entity");
        // Several parties: as many ids as kinds; some c/o fragments; some legal-form spellings with dots.
        var multi = rows.Where(r => r[4].Contains(';')).ToList();
        Assert.NotEmpty(multi);
        Assert.All(multi, r => Assert.Equal(r[4].Split(';').Length, r[3].Split(';').Length));
        Assert.Contains(rows, r => r[1].Contains("c/o", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(rows, r => r[1].Contains("G.m.b.H.") || r[1].Contains("N.V.") || r[1].Contains("B.V."));
        Assert.Contains(rows, r => r[1].Contains("株式会社"));

        // Skew: the commonest entity appears many times; most entities are rare.
        var counts = rows.Where(r => !r[4].Contains(';')).GroupBy(r => r[4]).Select(g => g.Count()).OrderDescending().ToList();
        Assert.True(counts[0] >= 20, $"top entity only {counts[0]} rows");
        Assert.True(counts.Count(c => c == 1) > counts.Count / 4, "too few rare entities");
        // An entity's rows show variants, not one fixed string.
        var topId = rows.GroupBy(x => x[4]).OrderByDescending(g => g.Count()).First().Key;
        var top = rows.Where(r => r[4] == topId).Select(r => r[1]).Distinct().Count();
        Assert.True(top >= 3, $"the commonest entity has only {top} spellings");
    }

    private static string ScriptBlock(string script) => script switch
    {
        "Latin" => "BasicLatin",
        "Han" => "CJKUnifiedIdeographs",
        "Hangul" => "HangulSyllables",
        _ => script,
    };

    [Fact]
    public async Task Generated_file_is_cleaned_without_rejects()
    {
        using var dir = new TempDir();
        var path = dir.File("synth.csv");
        Assert.Equal(0, (await CliRun.RunAsync("synth", "--rows", "3000", "--seed", "5", "--out", path)).ExitCode);
        var run = await CliRun.RunAsync("clean", path, "--country-column", "country", "--kind-column", "kind", "--out", dir.File("out.csv"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{3000:N0} = {3000:N0} processed + 0 rejected"), run.Stderr);
        var (_, rows) = CsvTestReader.ParseFile(dir.File("out.csv"));
        Assert.Equal(3000, rows.Select(r => r[0]).Distinct().Count());
    }

    [Fact]
    public async Task Rows_option_is_required()
    {
        var run = await CliRun.RunAsync("synth");
        Assert.Equal(2, run.ExitCode);
    }
}

public class BenchCommandTests
{
    [Fact]
    public async Task Bench_clean_reports_rows_throughput_memory_and_machine()
    {
        var run = await CliRun.RunAsync("bench", "clean", "--rows", "2000");
        Assert.Equal(0, run.ExitCode);
        foreach (var label in new[] { "2,000 generated rows", "names/s", "peak memory", "cores", "party rows", "MB allocated", "collections gen0", "workstation GC" })
            Assert.Contains(label, run.Stdout);
    }

    [Theory]
    [InlineData("lookup")]
    [InlineData("soak")]
    public async Task Service_benches_without_input_or_with_a_missing_file_say_so_without_a_stack_trace(string bench)
    {
        var missing = await CliRun.RunAsync("bench", bench, "--input", "/no/such/synth.csv");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("'/no/such/synth.csv' does not exist", missing.Stderr);
        Assert.DoesNotContain("   at ", missing.Stderr);
        if (bench != "lookup") return;
        var none = await CliRun.RunAsync("bench", bench);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("give --entities N or --input SYNTH.csv", none.Stderr);
    }
}
