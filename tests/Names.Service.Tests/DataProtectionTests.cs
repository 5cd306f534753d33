using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Names.Resolver.Service;
using Names.Resolver.Storage.Postgres;
using Names.Resolver.Storage.Sqlite;

namespace Names.Service.Tests;

/// <summary>
/// Issue 16's floors: an erased person's name is nowhere in the registry's files (SQLite file, WAL, candidate index),
/// the id answers 410 and is never issued again; the read audit holds exactly the reads made; the change feed replays
/// to the registry's map of ids.
/// </summary>
public sealed class DataProtectionTests
{
    private const string Marker = "Qzxwvork";

    [Fact]
    public async Task Erase_leaves_no_byte_of_the_name_in_the_registry_its_wal_or_the_index_and_the_id_is_never_reissued()
    {
        var dir = Directory.CreateTempSubdirectory("names-erase-").FullName;
        try
        {
            var db = Path.Combine(dir, "names.db");
            var input = Path.Combine(dir, "in.csv");
            await File.WriteAllTextAsync(input, $"name,kind\n\"{Marker}, Johanna\",person\n\"Jansen, Pieter\",person\nAkzo Nobel N.V.,legal_entity\n");
            var run = await NamesProcess.RunAsync("resolve", input, "--column", "name", "--kind-column", "kind", "--db", db, "--out", Path.Combine(dir, "out.csv"));
            Assert.True(run.ExitCode == 0, run.Stderr);
            var rows = (await File.ReadAllLinesAsync(Path.Combine(dir, "out.csv"))).Skip(1).ToList();
            string IdOf(string name) => rows.Single(r => r.Contains(name)).Split(',').First(f => f.Length == 16 && f[0] is 'P' or 'L');
            var person = IdOf(Marker);
            var firm = IdOf("Akzo");
            Assert.True(Hits(dir) > 0, "the marker is in the registry before the erasure");

            var erase = await NamesProcess.RunAsync("erase", person, "--reason", "GDPR art. 17 request 2026-12", "--db", db);
            Assert.True(erase.ExitCode == 0, erase.Stderr);
            Assert.Equal(0, Hits(dir));
            Assert.Equal(0, (await NamesProcess.RunAsync("verify", "--db", db)).ExitCode);

            var again = await NamesProcess.RunAsync("erase", person, "--reason", "again", "--db", db);
            Assert.Equal(0, again.ExitCode);
            Assert.Contains("nothing changed", again.Stdout);
            Assert.Equal(1, (await NamesProcess.RunAsync("erase", firm, "--reason", "x", "--db", db)).ExitCode);
            Assert.Equal(2, (await NamesProcess.RunAsync("erase", "P000000000000000", "--reason", "x", "--db", db)).ExitCode);

            // The history keeps who, when and why; the same name later is a new party with a new id.
            var history = await NamesProcess.RunAsync("export", "--entity", person, "--db", db);
            Assert.Contains("GDPR art. 17 request", history.Stdout);
            Assert.DoesNotContain(Marker, history.Stdout, StringComparison.OrdinalIgnoreCase);
            var rerun = await NamesProcess.RunAsync("resolve", input, "--column", "name", "--kind-column", "kind", "--db", db, "--out", Path.Combine(dir, "out2.csv"));
            Assert.True(rerun.ExitCode == 0, rerun.Stderr);
            rows = (await File.ReadAllLinesAsync(Path.Combine(dir, "out2.csv"))).Skip(1).ToList();
            Assert.NotEqual(person, IdOf(Marker));
            Assert.Equal(firm, IdOf("Akzo"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Occurrences of the marker (any case, UTF-8 and UTF-16) in every file under the directory but the input and outputs.</summary>
    private static int Hits(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".csv", StringComparison.Ordinal)).Sum(f => Count(File.ReadAllBytes(f)));

    private static int Count(byte[] bytes)
    {
        int n = 0;
        foreach (var form in new[] { Marker, Marker.ToUpperInvariant(), Marker.ToLowerInvariant() })
            foreach (var encoded in new[] { Encoding.UTF8.GetBytes(form), Encoding.Unicode.GetBytes(form) })
                for (int i = bytes.AsSpan().IndexOf(encoded), from = 0; i >= 0; from += i + 1, i = bytes.AsSpan(from).IndexOf(encoded)) n++;
        return n;
    }

    [Fact]
    public async Task Over_the_api_an_erased_person_answers_410_lookups_on_every_instance_stop_finding_it_and_legal_entities_are_refused()
    {
        await using var first = await ServiceFactory.CreateSqliteAsync();
        await ErasedOverTheApiAsync(first);
    }

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task On_postgres_an_erased_name_is_in_no_dump_and_no_instance_finds_it()
    {
        await using var first = await ServiceFactory.CreatePostgresAsync();
        await ErasedOverTheApiAsync(first, before: async () => Assert.True(Count(Encoding.UTF8.GetBytes(await DumpAsync(first.Settings.PgConnection!))) > 0));
        Assert.Equal(0, Count(Encoding.UTF8.GetBytes(await DumpAsync(first.Settings.PgConnection!))));
        await using var store = await PostgresRegistryStore.OpenAsync(first.Settings.PgConnection!);
        Assert.Empty(await store.PersonalData.CheckAsync());
    }

    /// <summary>pg_dump of the test schema (data and definitions), as text.</summary>
    private static async Task<string> DumpAsync(string connectionString)
    {
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var schema = cs.SearchPath!.Split(',')[0];
        var psi = new System.Diagnostics.ProcessStartInfo("pg_dump", ["-h", cs.Host!, "-p", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", cs.Username!, "-n", schema, cs.Database!]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, stderr);
        return await stdout;
    }

    private static async Task ErasedOverTheApiAsync(ServiceFactory first, Func<Task>? before = null)
    {
        await using var second = await ServiceFactory.SecondInstanceAsync(first);
        var filer = first.ClientFor(ApiRole.Filer);
        var id = (await (await filer.ResolveAsync(new { name = $"{Marker}son, Greta", kind = "person" })).ReadJsonAsync()).GetProperty("id").GetString()!;
        var firm = (await (await filer.ResolveAsync(new { name = "Zeta Holding B.V.", kind = "legal_entity" })).ReadJsonAsync()).GetProperty("id").GetString()!;
        async Task<bool> FindsAsync(ServiceFactory f) =>
            (await (await f.ClientFor(ApiRole.Reader).GetAsync($"/api/v1/lookup?name={Marker}son%2C%20Greta&kind=person")).Content.ReadAsStringAsync()).Contains(id);
        await second.Runtime.Resolver.ReadModel.EnsureFreshAsync(TimeSpan.Zero);
        Assert.True(await FindsAsync(first) && await FindsAsync(second));

        if (before is not null) await before();
        var admin = first.ClientFor(ApiRole.Admin);
        await (await first.ClientFor(ApiRole.Reviewer).PostAsync($"/api/v1/entities/{id}/erase", Http.Json(new { reason = "x" }))).AssertProblemAsync(403, "forbidden");
        await (await admin.PostAsync($"/api/v1/entities/{firm}/erase", Http.Json(new { reason = "x" }))).AssertProblemAsync(409, "not_a_person");
        var erased = await admin.PostAsync($"/api/v1/entities/{id}/erase", Http.Json(new { reason = "data subject request" }));
        Assert.Equal("erased", (await erased.ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal("already_erased", (await (await admin.PostAsync($"/api/v1/entities/{id}/erase", Http.Json(new { reason = "again" }))).ReadJsonAsync()).GetProperty("status").GetString());
        var gone = await (await first.ClientFor(ApiRole.Reader).GetAsync($"/api/v1/entities/{id}")).AssertProblemAsync(410, "entity_erased");
        Assert.Contains("erased on " + DateTime.UtcNow.ToString("yyyy-MM-dd"), gone.GetProperty("detail").GetString());
        Assert.False(await FindsAsync(first));
        // The other instance drops the name when it reads the erased event: at the latest after its staleness bound.
        await Task.Delay(second.Settings.ReadModel.MaxStaleness + TimeSpan.FromMilliseconds(200));
        Assert.False(await FindsAsync(second));
        var again = second.ClientFor(ApiRole.Filer);
        var newId = (await (await again.ResolveAsync(new { name = $"{Marker}son, Greta", kind = "person" })).ReadJsonAsync()).GetProperty("id").GetString();
        Assert.NotEqual(id, newId);
        // The new party is erased too (the dump of the PostgreSQL test must be clean).
        Assert.Equal("erased", (await (await admin.PostAsync($"/api/v1/entities/{newId}/erase", Http.Json(new { reason = "test clean-up" }))).ReadJsonAsync()).GetProperty("status").GetString());
        await (await first.ClientFor(ApiRole.Reader).GetAsync($"/api/v1/entities/{newId}")).AssertProblemAsync(410, "entity_erased");
    }

    [Fact]
    public async Task The_read_audit_holds_exactly_the_reads_made_refused_ones_included_and_its_chain_checks()
    {
        await using var service = await ServiceFactory.CreateSqliteAsync();
        var id = (await (await service.ClientFor(ApiRole.Filer).ResolveAsync(new { name = "Auditson, Karel", kind = "person" })).ReadJsonAsync()).GetProperty("id").GetString()!;
        var firm = (await (await service.ClientFor(ApiRole.Filer).ResolveAsync(new { name = "Audit Firm B.V.", kind = "legal_entity" })).ReadJsonAsync()).GetProperty("id").GetString()!;
        var reads = new (ApiRole Role, string Path, int Status)[]
        {
            (ApiRole.Reader, $"/api/v1/entities/{id}", 200), (ApiRole.Reader, $"/api/v1/entities/{id}/history", 200),
            (ApiRole.Reviewer, $"/api/v1/entities/{id}", 200), (ApiRole.Reader, $"/api/v1/entities/{id}/personal-data", 403),
            (ApiRole.Admin, $"/api/v1/entities/{id}/personal-data", 200), (ApiRole.Filer, $"/api/v1/entities/{id}/history", 200),
            (ApiRole.Admin, $"/api/v1/entities/{id}", 200),
        };
        foreach (var (role, path, status) in reads)
            Assert.Equal(status, (int)(await service.ClientFor(role).GetAsync(path)).StatusCode);
        Assert.Equal(200, (int)(await service.ClientFor(ApiRole.Reader).GetAsync($"/api/v1/entities/{firm}")).StatusCode); // not a person: not audited
        await service.Services.GetRequiredService<Names.Host.Service.ReadAuditLog>().FlushAsync();

        var store = service.Runtime.ReviewStore.PersonalData;
        var audited = await store.ReadAuditAsync(id, null);
        Assert.Equal(reads.Select(r => ("test-" + r.Role.ToText(), r.Status)).ToList(), audited.Select(a => (a.KeyName, a.Status)).ToList());
        Assert.Equal(2, (await store.ReadAuditAsync(null, "test-admin")).Count);
        Assert.Empty(await store.ReadAuditAsync(firm, null));
        Assert.Empty(await store.CheckAsync());
    }

    [Fact]
    public async Task Reads_still_queued_when_an_instance_stops_are_stored_and_the_audit_refuses_edits_and_verify_sees_one()
    {
        await using var first = await ServiceFactory.CreateSqliteAsync();
        var id = (await (await first.ClientFor(ApiRole.Filer).ResolveAsync(new { name = "Stopson, Ida", kind = "person" })).ReadJsonAsync()).GetProperty("id").GetString()!;
        await using (var second = await ServiceFactory.SecondInstanceAsync(first))
        {
            for (int i = 0; i < 5; i++) Assert.True((await second.ClientFor(ApiRole.Reader).GetAsync($"/api/v1/entities/{id}/history")).IsSuccessStatusCode);
        } // stopped without a flush: the stop stores what is queued
        var store = first.Runtime.ReviewStore.PersonalData;
        Assert.Equal(5, (await store.ReadAuditAsync(id, "test-reader")).Count);

        using var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={first.Settings.DbPath};Pooling=False");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "UPDATE read_audit SET key_name = 'someone-else'";
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => cmd.ExecuteNonQuery());
        cmd.CommandText = "DELETE FROM read_audit";
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => cmd.ExecuteNonQuery());
        Assert.Empty(await store.CheckAsync());
        cmd.CommandText = "DROP TRIGGER tr_read_audit_no_delete; DELETE FROM read_audit WHERE id = (SELECT MIN(id) + 1 FROM read_audit)";
        cmd.ExecuteNonQuery();
        Assert.Contains(await store.CheckAsync(), p => p.StartsWith("read audit: row", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_feed_over_http_pages_by_cursor_answers_an_empty_page_past_the_end_and_400_for_a_malformed_cursor()
    {
        await using var service = await ServiceFactory.CreateSqliteAsync();
        var reader = service.ClientFor(ApiRole.Reader);
        var ids = new List<string>();
        foreach (var name in new[] { "Feed Alpha B.V.", "Feed Beta GmbH", "Feed Gamma SA" })
            ids.Add((await (await service.ClientFor(ApiRole.Filer).ResolveAsync(new { name })).ReadJsonAsync()).GetProperty("id").GetString()!);
        var first = await (await reader.GetAsync("/api/v1/changes?after=0&limit=2")).ReadJsonAsync();
        var next = first.GetProperty("next").GetInt64();
        var second = await (await reader.GetAsync($"/api/v1/changes?after={next}&limit=2")).ReadJsonAsync();
        var seen = first.GetProperty("changes").EnumerateArray().Concat(second.GetProperty("changes").EnumerateArray()).ToList();
        Assert.Equal(ids, seen.Select(c => c.GetProperty("id").GetString()).ToList());
        Assert.All(seen, c => Assert.Equal("minted", c.GetProperty("type").GetString()));
        var end = await (await reader.GetAsync("/api/v1/changes?after=999999")).ReadJsonAsync();
        Assert.Equal((0, 999999L), (end.GetProperty("changes").GetArrayLength(), end.GetProperty("next").GetInt64()));
        foreach (var bad in new[] { "abc", "-1", "1.5", "" })
            await (await reader.GetAsync($"/api/v1/changes?after={bad}")).AssertProblemAsync(400, "invalid_cursor");
        await (await reader.GetAsync("/api/v1/changes?after=0&limit=0")).AssertProblemAsync(400, "invalid_limit");
    }

    [Fact]
    public async Task A_feed_replayed_from_zero_rebuilds_every_id_to_its_survivor_or_erased_on_sqlite()
    {
        var dir = Directory.CreateTempSubdirectory("names-feed-").FullName;
        try
        {
            await using var store = await SqliteRegistryStore.OpenAsync(Path.Combine(dir, "names.db"));
            await ChangeFeedContract.ReplayRebuildsTheRegistryMapAsync(store);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task A_feed_replayed_from_zero_rebuilds_every_id_to_its_survivor_or_erased_on_postgres()
    {
        await using var store = await PostgresRegistryStore.OpenAsync(await TestPostgres.CreateSchemaAsync());
        await ChangeFeedContract.ReplayRebuildsTheRegistryMapAsync(store);
    }
}
