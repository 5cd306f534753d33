using Names.Host.Authorities;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Sqlite;

namespace Names.Host.Tests;

/// <summary>`names import gleif | ror` on fixtures in the authorities' own formats (GLEIF's LEI-CDF column names, ROR schema v2).</summary>
public class ImportCommandTests
{
    private static readonly string Header = string.Join(",", GleifSampleWriter.Columns);
    private static readonly string L0 = GleifSampleWriter.Lei(0), L1 = GleifSampleWriter.Lei(1), L2 = GleifSampleWriter.Lei(2);

    private static string Row(string lei, string name, string other, string country, string elf, string status, string successor, string registration) =>
        string.Join(",", lei, name, "en", other, other.Length > 0 ? "en" : "", other.Length > 0 ? "TRADING_OR_OPERATING_NAME" : "", "", "1 Main St", "City",
            country, country, "GENERAL", elf, status, successor, "2014-01-01T00:00:00Z", registration, "529900T8BM49AURSDO55");

    private static string Golden(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    private static readonly string FirstFile = Golden(
        Row(L0, "Quarrystone Pumps GmbH", "Quarrystone", "DE", "2HBR", "ACTIVE", "", "ISSUED"),
        Row(L1, "Velmora Textiles S.A.", "", "FR", "", "ACTIVE", "", "ISSUED"),
        Row(L2, "Velmora Holding S.A.", "", "FR", "", "ACTIVE", "", "ISSUED"),
        Row("5299000000000000XX99", "Broken Check Ltd", "", "GB", "", "ACTIVE", "", "ISSUED"),
        Row(GleifSampleWriter.Lei(3), "", "", "GB", "", "ACTIVE", "", "ISSUED"),
        Row(GleifSampleWriter.Lei(4), "???", "", "GB", "", "ACTIVE", "", "ISSUED"));

    private static async Task<(int Entities, long Events)> CountsAsync(string db)
    {
        await using var store = await SqliteRegistryStore.OpenAsync(db);
        var entities = 0;
        await foreach (var e in store.ReadEntitiesAsync()) if (e.Status == EntityStatus.Active) entities++;
        return (entities, await store.CountEventsAsync());
    }

    [Fact]
    public async Task A_gleif_file_becomes_entities_holding_their_leis_malformed_rows_go_to_rejects_and_a_reimport_changes_nothing()
    {
        using var dir = new TempDir();
        var file = dir.Write("gleif.csv", FirstFile);
        var db = dir.File("r.db");
        var rejects = dir.File("rejects.csv");
        var r = await CliRun.RunAsync("import", "gleif", file, "--db", db, "--rejects", rejects);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Contains("3 new", r.Stdout);
        var rejected = CsvRows.Read(rejects);
        Assert.Equal(["5", "6", "7"], rejected.Select(x => x["line"]));
        Assert.Contains("wrong check digits", rejected[0]["reason"]);
        Assert.Contains("no legal name", rejected[1]["reason"]);
        Assert.Contains("no usable name", rejected[2]["reason"]); // a name the cleaner finds no party in

        await using (var store = await SqliteRegistryStore.OpenAsync(db))
        {
            var link = (await store.FindExternalIdAsync("lei", L0))!;
            Assert.Equal("ACTIVE/ISSUED", link.Status);
            var entity = (await store.GetEntityAsync(link.EntityId))!;
            Assert.Equal(("legal_entity", "Quarrystone Pumps GmbH"), (entity.Kind, entity.CanonicalName));
            var variants = await store.GetVariantsOfEntityAsync(entity.Id);
            Assert.Equal(["Quarrystone Pumps GmbH", "Quarrystone"], variants.Select(v => v.DisplayName));
            Assert.All(variants, v => Assert.Equal(("DE", "gleif.csv", "lei:" + L0), (v.Country, v.SourceFile, v.SourceRecordId)));
            Assert.Contains("\"2HBR\"", variants[0].Features); // the ELF code from the file, with the name
        }
        var before = await CountsAsync(db);
        Assert.Equal(3, before.Entities);

        var again = await CliRun.RunAsync("import", "gleif", file, "--db", db, "--rejects", rejects);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(before, await CountsAsync(db));
        Assert.Equal(0, (await CliRun.RunAsync("verify", "--db", db)).ExitCode);
    }

    [Fact]
    public async Task A_newer_file_updates_status_and_names_and_a_successor_lei_becomes_a_logged_merge_with_a_redirect()
    {
        using var dir = new TempDir();
        var db = dir.File("r.db");
        Assert.Equal(0, (await CliRun.RunAsync("import", "gleif", dir.Write("g1.csv", FirstFile), "--db", db, "--rejects", dir.File("x.csv"))).ExitCode);
        var newer = dir.Write("g2.csv", Golden(
            Row(L0, "Quarrystone Pumps GmbH", "Quarrystone Pumpen", "DE", "2HBR", "ACTIVE", "", "LAPSED"),
            Row(L1, "Velmora Textiles S.A.", "", "FR", "", "INACTIVE", L2, "RETIRED"),
            Row(L2, "Velmora Holding S.A.", "", "FR", "", "ACTIVE", "", "ISSUED")));
        var r = await CliRun.RunAsync("import", "gleif", newer, "--db", db, "--rejects", dir.File("x.csv"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        await using var store = await SqliteRegistryStore.OpenAsync(db);
        var quarrystone = (await store.FindExternalIdAsync("lei", L0))!;
        Assert.Equal("ACTIVE/LAPSED", quarrystone.Status);
        Assert.Contains("Quarrystone Pumpen", (await store.GetVariantsOfEntityAsync(quarrystone.EntityId)).Select(v => v.DisplayName));
        var textiles = (await store.FindExternalIdAsync("lei", L1))!;
        var holding = (await store.FindExternalIdAsync("lei", L2))!;
        Assert.Equal(holding.EntityId, (await store.ResolveAsync(textiles.EntityId))!.Id);
        Assert.Equal(["lei:" + L1, "lei:" + L2], (await store.GetExternalIdsAsync(holding.EntityId)).Select(x => x.ToString()).Order());
        var events = new List<RegistryEvent>();
        await foreach (var e in store.ReadEventsAsync(textiles.EntityId)) events.Add(e);
        Assert.Contains(events, e => e.Type == RegistryEventType.Merged && e.Actor == "import:gleif" && e.EntityId == holding.EntityId);
        Assert.Contains(events, e => e.Type == RegistryEventType.ExternalIdUpdated && e.Detail.Contains("superseded by lei:" + L2));
    }

    [Fact]
    public async Task An_import_stopped_part_way_and_run_again_ends_with_the_ids_and_events_of_an_uninterrupted_one()
    {
        using var dir = new TempDir();
        var file = dir.Write("gleif.csv", FirstFile);
        var (stopped, whole) = (dir.File("stopped.db"), dir.File("whole.db"));
        Assert.Equal(0, (await CliRun.RunAsync("import", "gleif", file, "--db", stopped, "--limit", "2", "--rejects", dir.File("x.csv"))).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("import", "gleif", file, "--db", stopped, "--rejects", dir.File("x.csv"))).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("import", "gleif", file, "--db", whole, "--rejects", dir.File("x.csv"))).ExitCode);
        foreach (var what in new[] { "external-ids", "variants" })
        {
            var a = await CliRun.RunAsync("export", "--what", what, "--db", stopped, "--out", "-");
            var b = await CliRun.RunAsync("export", "--what", what, "--db", whole, "--out", "-");
            Assert.Contains(what == "external-ids" ? "lei," + L2 : "Velmora Holding S.A.", a.Stdout);
            // The time column of a link differs between the two runs; everything else is the same.
            string WithoutTimes(string csv) => string.Join("\n", csv.Split('\n').Select(l => what == "external-ids" ? string.Join(",", l.Split(',').SkipLast(1)) : l));
            Assert.Equal(WithoutTimes(b.Stdout), WithoutTimes(a.Stdout));
        }
        Assert.Equal(await CountsAsync(whole), await CountsAsync(stopped));
    }

    [Theory]
    [InlineData("gleif", "g.csv", "id,name\n1,Acme\n", "not a GLEIF golden copy (LEI-CDF) CSV: the header has no column 'LEI'")]
    [InlineData("ror", "r.json", "{\"items\": []}", "not a ROR schema v2 dump: the file is not a JSON array of records")]
    [InlineData("ror", "r.json", "[{\"id\": \"https://ror.org/0000ev088\", \"name\": \"IKEA Foundation\"}]", "record 1 has no \"names\" array")]
    public async Task A_file_in_another_format_exits_1_naming_the_first_problem_and_imports_nothing(string authority, string name, string content, string message)
    {
        using var dir = new TempDir();
        var db = dir.File("r.db");
        var r = await CliRun.RunAsync("import", authority, dir.Write(name, content), "--db", db, "--rejects", dir.File("x.csv"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Equal((0, 0L), await CountsAsync(db));
    }

    [Fact]
    public async Task The_ror_sample_imports_with_its_other_ids_and_its_one_truncated_fundref_id_is_rejected_with_its_index()
    {
        using var dir = new TempDir();
        var db = dir.File("r.db");
        var rejects = dir.File("rejects.csv");
        var sample = Path.Combine(RepositoryPaths.Root, "datasets", "ror-org-names", "ror_records_v2.json");
        var r = await CliRun.RunAsync("import", "ror", sample, "--db", db, "--rejects", rejects, "--limit", "1700");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("1,700 records imported", r.Stdout);
        var reject = Assert.Single(CsvRows.Read(rejects));
        Assert.Equal("1603", reject["line"]);
        Assert.Contains("FundRef id '10'", reject["reason"]);
        await using (var store = await SqliteRegistryStore.OpenAsync(db))
        {
            var ikea = (await store.FindExternalIdAsync("ror", "0000ev088"))!;
            Assert.Equal(ikea.EntityId, (await store.FindExternalIdAsync("fundref", "501100022723"))!.EntityId);
            Assert.Equal("IKEA Foundation", (await store.GetEntityAsync(ikea.EntityId))!.CanonicalName);
            // "The IKEA Foundation" has the key of "IKEA Foundation" (leading article, R12): one variant.
            Assert.Equal(["IKEA Foundation", "Stichting IKEA Foundation"], (await store.GetVariantsOfEntityAsync(ikea.EntityId)).Select(v => v.DisplayName));
        }
        var before = await CountsAsync(db);
        Assert.Equal(0, (await CliRun.RunAsync("import", "ror", sample, "--db", db, "--rejects", rejects, "--limit", "1700")).ExitCode);
        Assert.Equal(before, await CountsAsync(db));
    }
}
