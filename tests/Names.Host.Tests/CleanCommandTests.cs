using System.Text;
using Names.Host.Cleaning;
using Names.Normalization;

namespace Names.Host.Tests;

public class CleanCommandTests
{
    private const string Sample = "id,name,country\n1,Acme GmbH,DE\n2,\"Doe, Jane\",US\n3,株式会社テスト,JP\n";

    [Fact]
    public async Task Output_has_the_input_columns_then_the_party_columns()
    {
        using var dir = new TempDir();
        var input = dir.Write("in.csv", Sample);
        var run = await CliRun.RunAsync("clean", input, "--country-column", "country");
        Assert.Equal(0, run.ExitCode);
        var (header, rows) = CsvTestReader.Parse(run.Stdout);
        Assert.Equal(new[] { "id", "name", "country" }.Concat(CleanOutputColumns.Party), header);
        Assert.Equal(new[] { "1", "2", "3" }, rows.Select(r => r[0]).Distinct());
        // Input columns are echoed verbatim, including a quoted comma and non-Latin text.
        Assert.Contains(rows, r => r[1] == "Doe, Jane" && r[2] == "US");
        Assert.Contains(rows, r => r[1] == "株式会社テスト");
        Assert.All(rows, r => Assert.Contains(r[header.Col("entity_kind")], new[] { "person", "legal_entity", "unknown" }));
    }

    [Fact]
    public async Task Units_and_address_of_an_organisation_go_to_their_own_columns_also_when_the_row_repeats()
    {
        using var dir = new TempDir();
        const string unit = "\"University of Michigan Medical School 1 Department of Cell and Developmental Biology, Ann Arbor, MI\"";
        // the same name three times: the second and third come from the repeated-name cache
        var input = dir.Write("in.csv", $"id,name\n1,{unit}\n2,Jane Doe\n3,{unit}\n4,University of Michigan\n5,{unit}\n");
        var run = await CliRun.RunAsync("clean", input);
        Assert.Equal(0, run.ExitCode);
        var (header, rows) = CsvTestReader.Parse(run.Stdout);
        string Col(string[] row, string name) => row[header.Col(name)];
        var units = rows.Where(r => r[0] is "1" or "3" or "5").ToList();
        Assert.Equal(3, units.Count);
        foreach (var row in units)
        {
            Assert.Equal("University of Michigan", Col(row, "display_name"));
            Assert.Equal("UNIVERSITY OF MICHIGAN", Col(row, "name_key"));
            Assert.Equal("Medical School; Department of Cell and Developmental Biology", Col(row, "org_unit"));
            Assert.Equal("Ann Arbor, MI", Col(row, "address"));
            Assert.Equal(units[0][1..], row[1..]);
        }
        var person = Assert.Single(rows, r => r[0] == "2");
        Assert.Equal("person", Col(person, "entity_kind"));
        Assert.Equal("", Col(person, "org_unit"));
        Assert.Equal("", Col(person, "address"));
        var parent = Assert.Single(rows, r => r[0] == "4");
        Assert.Equal("UNIVERSITY OF MICHIGAN", Col(parent, "name_key"));
        Assert.Equal("", Col(parent, "org_unit"));
        Assert.Equal("", Col(parent, "address"));
    }

    [Fact]
    public async Task One_output_row_per_party_numbered_from_one()
    {
        using var dir = new TempDir();
        var names = new[] { "Acme GmbH", "SMITH, JOHN; DOE, JANE", "Siemens AG and Robert Bosch GmbH", "", "X" };
        var csv = new StringBuilder("id,name\n");
        for (var i = 0; i < names.Length; i++) csv.Append(i).Append(",\"").Append(names[i]).Append("\"\n");
        var input = dir.Write("in.csv", csv.ToString());
        var run = await CliRun.RunAsync("clean", input);
        Assert.Equal(0, run.ExitCode);
        var (header, rows) = CsvTestReader.Parse(run.Stdout);
        var normalizer = NameNormalizer.CreateDefault();
        for (var i = 0; i < names.Length; i++)
        {
            var expected = Math.Max(1, normalizer.Normalize(new NameInput(names[i])).Count);
            var mine = rows.Where(r => r[0] == i.ToString()).ToList();
            Assert.Equal(expected, mine.Count);
            if (normalizer.Normalize(new NameInput(names[i])).Count > 0)
                Assert.Equal(Enumerable.Range(1, expected).Select(n => n.ToString()), mine.Select(r => r[header.Col("party_seq")]));
        }
    }

    [Fact]
    public async Task Malformed_lines_go_to_rejects_with_line_numbers_and_reasons()
    {
        using var dir = new TempDir();
        var input = dir.Write("in.csv",
            "id,name,country\n" +                  // line 1
            "1,Good One,DE\n" +                    // 2
            "2,\"Multi\nLine Name\",FR\n" +        // 3-4: valid quoted line break
            "3,Too,Many,Fields\n" +                // 5: wrong field count
            "4,Nul\0Byte,US\n" +                   // 6: NUL
            "5,\"Unbalanced,US\n" +                // 7: quote never closes
            "6,After Bad,NL\n" +                   // 8
            "\n" +                                 // 9: empty line
            "7,Last,SE");                          // 10: no final newline
        var output = dir.File("out.csv");
        var rejectsPath = dir.File("bad.csv");
        var run = await CliRun.RunAsync("clean", input, "--out", output, "--rejects", rejectsPath);
        Assert.Equal(0, run.ExitCode);

        var (_, rows) = CsvTestReader.ParseFile(output);
        Assert.Equal(new[] { "1", "2", "6", "7" }, rows.Select(r => r[0]).Distinct());
        Assert.Contains(rows, r => r[1] == "Multi\nLine Name");

        var (rejHeader, rejects) = CsvTestReader.ParseFile(rejectsPath);
        Assert.Equal(new[] { "line", "reason", "raw" }, rejHeader);
        Assert.Equal(new[] { "5", "6", "7", "9" }, rejects.Select(r => r[0]));
        Assert.Contains("field count", rejects[0][1]);
        Assert.Equal("3,Too,Many,Fields", rejects[0][2]);
        Assert.Contains("NUL", rejects[1][1]);
        Assert.Contains("unbalanced quote", rejects[2][1]);
        Assert.Equal("5,\"Unbalanced,US", rejects[2][2]);
        Assert.Contains("empty", rejects[3][1]);

        // rows = processed + rejected, in the summary too.
        Assert.Contains("8 = 4 processed + 4 rejected", run.Stderr);
    }

    [Fact]
    public async Task Unbalanced_quote_costs_one_line_even_when_a_later_quote_would_close_it()
    {
        using var dir = new TempDir();
        var input = dir.Write("in.csv", "id,name\n1,\"Open quote\n2,\"Fine Name\"\n3,Plain\n");
        var rejects = dir.File("rej.csv");
        var run = await CliRun.RunAsync("clean", input, "--rejects", rejects);
        Assert.Equal(0, run.ExitCode);
        var (_, rows) = CsvTestReader.Parse(run.Stdout);
        Assert.Equal(new[] { "2", "3" }, rows.Select(r => r[0]).Distinct());
        var (_, bad) = CsvTestReader.ParseFile(rejects);
        Assert.Equal("2", Assert.Single(bad)[0]);
    }

    [Fact]
    public async Task No_rejects_file_is_created_when_every_row_is_fine()
    {
        using var dir = new TempDir();
        var input = dir.Write("in.csv", Sample);
        var run = await CliRun.RunAsync("clean", input, "--out", dir.File("out.csv"));
        Assert.Equal(0, run.ExitCode);
        Assert.False(File.Exists(dir.File("out.rejects.csv")));
        Assert.Contains("rejects", run.Stderr);
    }

    [Fact]
    public async Task Default_rejects_file_sits_next_to_the_output()
    {
        using var dir = new TempDir();
        var input = dir.Write("in.csv", "id,name\n1,a,b\n2,ok\n");
        var run = await CliRun.RunAsync("clean", input, "--out", dir.File("out.csv"));
        Assert.Equal(0, run.ExitCode);
        var (_, bad) = CsvTestReader.ParseFile(dir.File("out.rejects.csv"));
        Assert.Equal("2", Assert.Single(bad)[0]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reads_utf8_with_and_without_bom(bool bom)
    {
        using var dir = new TempDir();
        var body = Encoding.UTF8.GetBytes("name,country\nMüller GmbH,DE\n");
        var bytes = bom ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(body).ToArray() : body;
        var run = await CliRun.RunAsync("clean", dir.WriteBytes("in.csv", bytes));
        Assert.Equal(0, run.ExitCode);
        var (header, rows) = CsvTestReader.Parse(run.Stdout);
        Assert.Equal("name", header[0]); // the BOM is not part of the first column's name
        Assert.Equal("Müller GmbH", rows[0][0]);
        Assert.DoesNotContain("warning", run.Stderr);
    }

    [Fact]
    public async Task Invalid_utf8_is_read_as_windows_1252_with_a_warning_naming_the_line()
    {
        using var dir = new TempDir();
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.ASCII.GetBytes("id,name\n1,Plain Name\n2,"));
        bytes.AddRange(new byte[] { 0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72, 0x20, 0x80 }); // "Müller €" in 1252
        bytes.AddRange(Encoding.ASCII.GetBytes("\n3,Caf"));
        bytes.Add(0xE9);
        bytes.AddRange(Encoding.ASCII.GetBytes("\n"));
        var run = await CliRun.RunAsync("clean", dir.WriteBytes("in.csv", bytes.ToArray()));
        Assert.Equal(0, run.ExitCode);
        var (_, rows) = CsvTestReader.Parse(run.Stdout);
        Assert.Equal("Müller €", rows.First(r => r[0] == "2")[1]);
        Assert.Equal("Café", rows.First(r => r[0] == "3")[1]);
        Assert.Contains("warning", run.Stderr);
        Assert.Contains("line 3", run.Stderr);
        Assert.Contains("1252", run.Stderr);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reads_utf16_with_bom(bool bigEndian)
    {
        using var dir = new TempDir();
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("name\nИванов Иван\n東京大学\n")).ToArray();
        var run = await CliRun.RunAsync("clean", dir.WriteBytes("in.csv", bytes));
        Assert.Equal(0, run.ExitCode);
        var (header, rows) = CsvTestReader.Parse(run.Stdout);
        Assert.Equal("name", header[0]);
        Assert.Equal(new[] { "Иванов Иван", "東京大学" }, rows.Select(r => r[0]).Distinct());
    }

    [Fact]
    public async Task Reads_standard_input_when_input_is_a_dash()
    {
        var run = await CliRun.RunAsync(Encoding.UTF8.GetBytes("name\nAcme Inc\n"), "clean", "-");
        Assert.Equal(0, run.ExitCode);
        var (_, rows) = CsvTestReader.Parse(run.Stdout);
        Assert.Equal("Acme Inc", rows.Single()[0]);
        Assert.Contains("stdin", run.Stderr);
    }

    [Fact]
    public async Task Missing_column_is_a_usage_error_listing_the_available_columns()
    {
        using var dir = new TempDir();
        var run = await CliRun.RunAsync("clean", dir.Write("in.csv", Sample), "--column", "applicant");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'applicant'", run.Stderr);
        Assert.Contains("'id', 'name', 'country'", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Missing_country_column_is_a_usage_error_too()
    {
        using var dir = new TempDir();
        var run = await CliRun.RunAsync("clean", dir.Write("in.csv", Sample), "--country-column", "cc");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--country-column", run.Stderr);
    }

    [Fact]
    public async Task Unreadable_input_exits_with_1()
    {
        using var dir = new TempDir();
        var run = await CliRun.RunAsync("clean", dir.File("does-not-exist.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot read input", run.Stderr);
    }

    [Fact]
    public async Task Empty_input_exits_with_1()
    {
        using var dir = new TempDir();
        var run = await CliRun.RunAsync("clean", dir.Write("empty.csv", ""));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("header", run.Stderr);
    }

    [Fact]
    public async Task Unwritable_output_exits_with_1()
    {
        using var dir = new TempDir();
        var run = await CliRun.RunAsync("clean", dir.Write("in.csv", Sample), "--out", dir.File("no/such/dir/out.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot write output", run.Stderr);
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error()
    {
        using var dir = new TempDir();
        var run = await CliRun.RunAsync("clean", dir.Write("in.csv", Sample), "--colum", "name");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--help", run.Stderr);
    }

    [Fact]
    public async Task Summary_reports_rows_parties_kinds_legal_forms_and_time()
    {
        using var dir = new TempDir();
        var run = await CliRun.RunAsync("clean", dir.Write("in.csv", Sample));
        Assert.Equal(0, run.ExitCode);
        foreach (var label in new[] { "rows", "parties", "kinds", "legal forms", "rejects", "time", "rows/s" })
            Assert.Contains(label, run.Stderr);
    }
}

public class CleanCommandOptionTests
{
    [Fact]
    public async Task Unknown_option_in_place_of_input_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("clean", "--bogus");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--bogus", run.Stderr);
    }

    [Fact]
    public async Task No_command_is_a_usage_error()
    {
        var run = await CliRun.RunAsync();
        Assert.Equal(2, run.ExitCode);
    }
}

public class CleanCommandLongFieldTests
{
    [Fact]
    public async Task A_long_name_is_cleaned_and_an_absurdly_long_field_is_rejected()
    {
        using var dir = new TempDir();
        var longName = string.Concat(Enumerable.Repeat("Acme Holding ", 15_000)); // ~200 KB
        var absurd = new string('x', 2_000_000);
        var input = dir.Write("in.csv", $"id,name\n1,{longName}\n2,{absurd}\n3,ok\n");
        var run = await CliRun.RunAsync("clean", input, "--out", dir.File("out.csv"));
        Assert.Equal(0, run.ExitCode);
        var (_, rows) = CsvTestReader.ParseFile(dir.File("out.csv"));
        Assert.Equal(new[] { "1", "3" }, rows.Select(r => r[0]).Distinct());
        var (_, rejects) = CsvTestReader.ParseFile(dir.File("out.rejects.csv"));
        var reject = Assert.Single(rejects);
        Assert.Equal("3", reject[0]);
        Assert.Contains("longer than", reject[1]);
        Assert.True(reject[2].Length <= 10_000);
    }
}

public class CleanCommandSafetyTests
{
    [Fact]
    public async Task Output_over_the_input_file_is_refused_and_the_input_kept()
    {
        using var dir = new TempDir();
        var input = dir.Write("in.csv", "name\nAcme\n");
        var run = await CliRun.RunAsync("clean", input, "--out", input);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("same file", run.Stderr);
        Assert.Equal("name\nAcme\n", File.ReadAllText(input));
    }
}
