namespace Names.Host.Tests;

/// <summary>`names eval-pairs`: figures per schema, and the misclassified pairs written with --errors.</summary>
public class EvalPairsCommandTests
{
    private const string Cases =
        "case_group,schema,name1,name2,is_match\n" +
        "t,Company,Siemens AG,SIEMENS AKTIENGESELLSCHAFT,true\n" +
        "t,Company,Siemens AG,Volkswagen AG,false\n" +
        "t,Person,Angela Merkel,Angela Merkel,true\n" +
        "t,Person,Angela Merkel,Olaf Scholz,false\n" +
        "t,Person,\"Putin, Vladimir\",Vladimir Putin,true\n" +
        // A pair the built-in model calls a match although the label says otherwise.
        "t,Company,Deutsche Bank AG,Deutsche Bank GmbH,false\n";

    [Fact]
    public async Task Errors_file_lists_each_wrong_decision_with_its_keys_probability_and_contributions()
    {
        using var dir = new TempDir();
        var input = dir.Write("cases.csv", Cases);
        var errors = dir.File("errors.csv");
        var r = await CliRun.RunAsync("eval-pairs", input, "--errors", errors, "--model", "builtin");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Person", r.Stdout);
        var rows = CsvRows.Read(errors);
        var row = Assert.Single(rows);
        Assert.Equal(("Deutsche Bank AG", "Deutsche Bank GmbH", "false", "false_positive"), (row["name1"], row["name2"], row["is_match"], row["error"]));
        Assert.Equal(("DEUTSCHE BANK", "DEUTSCHE BANK"), (row["key1"], row["key2"]));
        Assert.True(double.Parse(row["probability"], System.Globalization.CultureInfo.InvariantCulture) >= 0.5);
        Assert.Contains("legal_form: different legal forms", row["contributions"]);
    }

    [Fact]
    public async Task Cross_validated_errors_agree_with_the_printed_figures()
    {
        using var dir = new TempDir();
        var lines = File.ReadLines(Path.Combine(RepoRoot(), "datasets", "nomenklatura-namebench", "cases.csv")).Take(201);
        var input = dir.Write("cases200.csv", string.Join("\n", lines) + "\n");
        var errors = dir.File("errors.csv");
        var r = await CliRun.RunAsync("eval-pairs", input, "--cv", "5", "--errors", errors);
        Assert.Equal(0, r.ExitCode);
        // The (all) line: pairs, precision, recall, F1; the errors are exactly the false positives and negatives behind them.
        var all = r.Stdout.Split('\n').Single(l => l.StartsWith("(all)", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("200", all[1]);
        var rows = CsvRows.Read(errors);
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal(row["error"] == "false_negative", row["is_match"] == "true"));
        Assert.All(rows, row => Assert.NotEqual("", row["contributions"]));
        double accuracy = 1 - rows.Count / 200.0;
        Assert.InRange(accuracy, 0.7, 1.0);
    }

    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Names.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
