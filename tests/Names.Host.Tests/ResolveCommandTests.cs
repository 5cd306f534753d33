using System.Text.Json;
using Names.Resolver.Identifiers;

namespace Names.Host.Tests;

/// <summary>End-to-end tests of `names resolve`, `eval`, `export`, `verify` and `train`, run in-process on temporary files.</summary>
public class ResolveCommandTests
{
    private const string Applicants =
        "id,name,country\n" +
        "1,SIEMENS AKTIENGESELLSCHAFT,DE\n" +
        "2,Siemens AG,DE\n" +
        "3,\"SIEMENS AG, MUENCHEN\",DE\n" +
        "4,KONINKLIJKE PHILIPS ELECTRONICS N.V.,NL\n" +
        "5,Koninklijke Philips Electronics NV,NL\n" +
        "6,\"DOE, JANE\",US\n" +
        "7,Jane Doe,US\n" +
        "8,   ,US\n" +
        "9,\"broken,US\n" +
        "10,NOKIA OYJ,FI\n";

    private static List<Dictionary<string, string>> ReadCsv(string path) => CsvRows.Read(path);

    [Fact]
    public async Task Resolve_gives_every_row_a_valid_id_or_a_reject_with_its_line()
    {
        using var dir = new TempDir();
        var input = dir.Write("in.csv", Applicants);
        var r = await CliRun.RunAsync("resolve", input, "--country-column", "country", "--id-column", "id",
            "--db", dir.File("r.db"), "--out", dir.File("out.csv"), "--rejects", dir.File("rej.csv"), "--seed", "3");
        Assert.Equal(0, r.ExitCode);
        var rows = ReadCsv(dir.File("out.csv"));
        var rejects = File.ReadAllLines(dir.File("rej.csv"));
        Assert.Equal(["id", "name", "country", "party_seq", "global_id", "entity_kind", "resolution", "match_score", "canonical_name", "name_key", "org_unit", "address", "external_ids"], rows[0].Keys);
        // 10 rows: 8 resolved, the blank name (line 9) and the unbalanced quote (line 10) rejected
        Assert.Equal(8, rows.Select(x => x["id"]).Distinct().Count());
        Assert.Equal(3, rejects.Length); // header + 2
        Assert.Contains(rejects, l => l.StartsWith("9,"));
        Assert.Contains(rejects, l => l.StartsWith("10,"));
        Assert.All(rows, x => Assert.True(GlobalId.IsValid(x["global_id"]), x["global_id"]));
        Assert.All(rows, x => Assert.Contains(x["resolution"], new[] { "matched", "new", "review" }));
        string Id(string id) => rows.First(x => x["id"] == id)["global_id"];
        Assert.Equal(Id("1"), Id("2"));
        Assert.Equal(Id("4"), Id("5"));
        Assert.Equal(Id("6"), Id("7"));
        Assert.StartsWith("P", Id("6"));
        Assert.StartsWith("L", Id("1"));
        Assert.NotEqual(Id("1"), Id("4"));
        Assert.NotEqual(Id("1"), Id("10"));
        Assert.Contains("rows        10 = 8 resolved + 2 rejected", r.Stderr);
    }

    [Fact]
    public async Task A_unit_of_an_organisation_resolves_to_the_parent_and_keeps_its_unit_and_address()
    {
        using var dir = new TempDir();
        var input = dir.Write("in.csv",
            "id,name\n" +
            "1,\"University of Michigan Medical School 1 Department of Cell and Developmental Biology, Ann Arbor, MI\"\n" +
            "2,University of Michigan\n");
        var r = await CliRun.RunAsync("resolve", input, "--id-column", "id", "--db", dir.File("r.db"),
            "--out", dir.File("out.csv"), "--rejects", dir.File("rej.csv"), "--seed", "5");
        Assert.Equal(0, r.ExitCode);
        var rows = ReadCsv(dir.File("out.csv"));
        var unit = Assert.Single(rows, x => x["id"] == "1");
        var parent = Assert.Single(rows, x => x["id"] == "2");
        Assert.Equal(parent["global_id"], unit["global_id"]);
        Assert.Equal("UNIVERSITY OF MICHIGAN", unit["name_key"]);
        Assert.Equal("University of Michigan", unit["canonical_name"]);
        Assert.Equal("Medical School; Department of Cell and Developmental Biology", unit["org_unit"]);
        Assert.Equal("Ann Arbor, MI", unit["address"]);
        Assert.Equal("", parent["org_unit"]);
        Assert.Equal("", parent["address"]);
    }

    [Fact]
    public async Task With_keep_units_each_unit_resolves_as_its_own_entity()
    {
        using var dir = new TempDir();
        var input = dir.Write("in.csv",
            "id,name\n" +
            "1,\"University of Michigan Medical School, Ann Arbor, MI\"\n" +
            "2,\"University of Michigan Law School, Ann Arbor, MI\"\n" +
            "3,\"University of Michigan Medical School, Ann Arbor, MI, USA\"\n");
        var r = await CliRun.RunAsync("resolve", input, "--id-column", "id", "--db", dir.File("r.db"),
            "--out", dir.File("out.csv"), "--rejects", dir.File("rej.csv"), "--seed", "5", "--keep-units");
        Assert.Equal(0, r.ExitCode);
        var rows = ReadCsv(dir.File("out.csv"));
        string Id(string id) => Assert.Single(rows, x => x["id"] == id)["global_id"];
        Assert.NotEqual(Id("1"), Id("2"));
        Assert.Equal(Id("1"), Id("3"));
        Assert.All(rows, x => Assert.Equal("", x["org_unit"]));
    }

    [Fact]
    public async Task Re_running_the_same_input_changes_nothing_and_a_fresh_registry_with_the_same_seed_gives_the_same_ids()
    {
        using var dir = new TempDir();
        var input = dir.Write("in.csv", Applicants);
        string[] Args(string db, string output) => ["resolve", input, "--country-column", "country", "--db", dir.File(db), "--out", dir.File(output), "--rejects", dir.File("rej.csv"), "--seed", "11"];
        Assert.Equal(0, (await CliRun.RunAsync(Args("a.db", "1.csv"))).ExitCode);
        var second = await CliRun.RunAsync(Args("a.db", "2.csv"));
        Assert.Equal(0, (await CliRun.RunAsync(Args("b.db", "3.csv"))).ExitCode);
        var ids1 = ReadCsv(dir.File("1.csv")).Select(x => x["global_id"]).ToList();
        var run2 = ReadCsv(dir.File("2.csv"));
        Assert.Equal(ids1, run2.Select(x => x["global_id"]));
        Assert.All(run2, x => Assert.Equal("matched", x["resolution"]));
        Assert.Contains("0 ids minted", second.Stderr);
        Assert.Equal(ids1, ReadCsv(dir.File("3.csv")).Select(x => x["global_id"]));
    }

    [Fact]
    public async Task Report_is_written_and_verify_and_export_see_the_registry()
    {
        using var dir = new TempDir();
        var input = dir.Write("in.csv", Applicants);
        var db = dir.File("r.db");
        var r = await CliRun.RunAsync("resolve", input, "--db", db, "--out", dir.File("out.csv"), "--rejects", dir.File("rej.csv"), "--report", dir.File("report.html"));
        Assert.Equal(0, r.ExitCode);
        var html = File.ReadAllText(dir.File("report.html"));
        Assert.Contains("<svg", html);
        Assert.Contains("SIEMENS", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<h2>Estimated accuracy</h2>", html);
        Assert.Contains("aria-label=\"expected errors by score band\"", html);
        Assert.Matches(@"accuracy +estimated without labels: B-cubed precision [01]\.\d{3}, recall [01]\.\d{3}; expected [\d.]+ wrong of \d+ links", r.Stderr);

        var verify = await CliRun.RunAsync("verify", "--db", db);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("registry is consistent", verify.Stdout);

        var export = await CliRun.RunAsync("export", "--db", db, "--what", "entities", "--format", "jsonl");
        Assert.Equal(0, export.ExitCode);
        var entities = export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var resolvedIds = ReadCsv(dir.File("out.csv")).Select(x => x["global_id"]).Distinct().ToHashSet();
        Assert.Equal(resolvedIds, entities.Select(e => e.GetProperty("global_id").GetString()!).ToHashSet());
    }

    [Fact]
    public async Task Export_of_variants_carries_each_raw_input_field_verbatim()
    {
        using var dir = new TempDir();
        const string injection = "  '; DROP TABLE variants;-- Quillfeather \"Optics\" GmbH ";
        const string several = "ALPHA ZYMOTECH GMBH; <script>alert(1)</script> BETA QUORVEX AG";
        var input = dir.Write("in.csv", "name\n\"" + injection.Replace("\"", "\"\"") + "\"\n" + several + "\n");
        var db = dir.File("r.db");
        Assert.Equal(0, (await CliRun.RunAsync("resolve", input, "--db", db, "--out", dir.File("out.csv"))).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("export", "--db", db, "--what", "variants", "--out", dir.File("v.csv"))).ExitCode);

        var variants = ReadCsv(dir.File("v.csv"));
        Assert.Equal([injection, several, several], variants.Select(v => v["raw_name"]));
        Assert.DoesNotContain(variants, v => v["display_name"] == injection);
        Assert.Equal(0, (await CliRun.RunAsync("verify", "--db", db)).ExitCode);
    }

    [Fact]
    public async Task Eval_measures_against_the_truth_column_without_showing_it_to_the_resolver()
    {
        using var dir = new TempDir();
        var input = dir.Write("truth.csv",
            "name,truth\nSIEMENS AG,s\nSiemens Aktiengesellschaft,s\nNOKIA OYJ,n\nNokia Oyj,n\nKONINKLIJKE PHILIPS N.V.,p\nPhilips N.V.,p\nUNILEVER PLC,u\n");
        var r = await CliRun.RunAsync("eval", input, "--truth-column", "truth", "--json", dir.File("m.json"));
        Assert.Equal(0, r.ExitCode);
        var m = JsonDocument.Parse(File.ReadAllText(dir.File("m.json"))).RootElement;
        Assert.Equal(7, m.GetProperty("parties").GetInt32());
        Assert.Equal(4, m.GetProperty("trueClusters").GetInt32());
        Assert.Equal(3, m.GetProperty("truePairs").GetInt64());
        Assert.InRange(m.GetProperty("bCubedF1").GetDouble(), 0, 1);
        Assert.Equal(1.0, m.GetProperty("pairPrecision").GetDouble());
        Assert.Contains("B-cubed F1", r.Stdout);
        // Beside the measured figures, what the run estimated without the truth column.
        Assert.InRange(m.GetProperty("estimatedBCubedPrecision").GetDouble(), 0, 1);
        Assert.InRange(m.GetProperty("estimatedBCubedRecall").GetDouble(), 0, 1);
        Assert.Matches(@"B-cubed recall +[01]\.\d{4}  \(the run's own estimate, without labels: [01]\.\d{4}\)", r.Stdout);
        Assert.False(File.Exists("names.db") && File.GetLastWriteTimeUtc("names.db") > DateTime.UtcNow.AddMinutes(-1), "eval must not write ./names.db");
    }

    [Fact]
    public async Task Eval_reports_Latin_names_other_scripts_and_acronyms_apart()
    {
        using var dir = new TempDir();
        var input = dir.Write("truth.csv",
            "name,type,truth\nUniversity of Helsinki,label,h\nHelsingin yliopisto,label,h\nUH,acronym,h\nYandex LLC,label,y\nООО Яндекс,label,y\n" +
            "Aalto University,label,a\nAalto-yliopisto,label,a\n");
        var r = await CliRun.RunAsync("eval", input, "--truth-column", "truth", "--acronym-column", "type=acronym", "--json", dir.File("m.json"));
        Assert.Equal(0, r.ExitCode);
        var subsets = JsonDocument.Parse(File.ReadAllText(dir.File("m.json"))).RootElement.GetProperty("subsets").EnumerateArray()
            .ToDictionary(s => s.GetProperty("subset").GetString()!, s => s.GetProperty("parties").GetInt32());
        Assert.Equal(5, subsets["Latin script, not acronyms"]);
        Assert.Equal(1, subsets["other scripts, not acronyms"]);
        Assert.Equal(1, subsets["acronyms"]);
        Assert.Contains("Latin script, not acronyms", r.Stdout);
        var bad = await CliRun.RunAsync("eval", input, "--truth-column", "truth", "--acronym-column", "type");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("COLUMN=TEXT", bad.Stderr);
    }

    [Fact]
    public async Task Missing_column_is_a_usage_error_and_an_unreadable_registry_an_io_error()
    {
        using var dir = new TempDir();
        var input = dir.Write("in.csv", Applicants);
        var r = await CliRun.RunAsync("resolve", input, "--column", "applicant", "--db", dir.File("r.db"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("applicant", r.Stderr);
        var notADb = dir.Write("bad.db", "this is not a database, just text that is long enough to fill a header page.........");
        var bad = await CliRun.RunAsync("resolve", input, "--db", notADb, "--out", dir.File("o.csv"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("bad.db", bad.Stderr);
    }

    [Fact]
    public async Task Train_stores_a_model_that_later_runs_use()
    {
        using var dir = new TempDir();
        // The six pairs four times over: a model needs at least 20.
        var labels = dir.Write("pairs.csv",
            "name1,name2,is_match,schema\n" + string.Concat(Enumerable.Repeat(
            "Siemens AG,SIEMENS AKTIENGESELLSCHAFT,true,Company\nNokia Oyj,NOKIA CORPORATION,true,Company\n" +
            "Siemens AG,Nokia Oyj,false,Company\nPhilips NV,Philip Morris Inc,false,Company\n" +
            "Jane Doe,DOE JANE,true,Person\nJane Doe,John Doe,false,Person\n", 4)));
        var db = dir.File("r.db");
        var train = await CliRun.RunAsync("train", "--db", db, "--labels", labels);
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("boosted_trees v1", train.Stderr);
        var input = dir.Write("in.csv", Applicants);
        var r = await CliRun.RunAsync("resolve", input, "--db", db, "--out", dir.File("o.csv"), "--rejects", dir.File("rej.csv"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("boosted_trees v1 from the registry", r.Stderr);
    }
}
