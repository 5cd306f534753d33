using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Registry;
using Names.Resolver.Resolution;
using Names.Resolver.Storage;

namespace Names.Resolver.Tests;

public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("names-migrate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_new_file_gets_the_latest_schema_in_wal_mode_and_keeps_data_on_reopen()
    {
        var path = Path.Combine(_dir, "r.db");
        await using (var store = await SqliteRegistryStore.OpenAsync(path))
        {
            Assert.Equal(SqliteMigrations.Latest, await store.GetSchemaVersionAsync());
            var batch = new RegistryBatch();
            batch.Meta["k"] = "v";
            await store.ApplyAsync(batch);
        }
        await using (var again = await SqliteRegistryStore.OpenAsync(path))
        {
            Assert.Equal("v", await again.GetMetaAsync("k"));
            Assert.Equal(SqliteMigrations.Latest, await again.GetSchemaVersionAsync());
        }
        using var raw = new SqliteConnection($"Data Source={path}");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string)cmd.ExecuteScalar()!);
    }

    [Fact]
    public async Task A_registry_from_a_newer_version_is_refused_with_a_clear_message()
    {
        var path = Path.Combine(_dir, "newer.db");
        await (await SqliteRegistryStore.OpenAsync(path)).DisposeAsync();
        using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = $"PRAGMA user_version = {SqliteMigrations.Latest + 1};";
            cmd.ExecuteNonQuery();
        }
        // Back to rollback journal mode, so that any write on open (even switching to WAL) would show in the file's bytes.
        Exec(path, "PRAGMA journal_mode=DELETE;");
        var before = SHA256.HashData(File.ReadAllBytes(path));
        var error = await Assert.ThrowsAsync<RegistrySchemaTooNewException>(() => SqliteRegistryStore.OpenAsync(path));
        Assert.Contains($"schema version {SqliteMigrations.Latest + 1}", error.Message);
        Assert.Contains("Upgrade Names", error.Message);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(path)));
        Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0);
    }

    /// <summary>
    /// A registry at the oldest schema (tables from migration 1, data from Fixtures/registry-v1.sql: entities, variants,
    /// blocking keys, an accepted merge, a cannot-link, events) is migrated to the latest on open and keeps every id, redirect and decision.
    /// </summary>
    [Fact]
    public async Task A_registry_at_the_oldest_schema_is_migrated_on_open_and_keeps_its_ids_and_decisions()
    {
        var path = Path.Combine(_dir, "v1.db");
        var (version, schema) = SqliteMigrations.All[0];
        Exec(path, schema + "\n" + File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "registry-v1.sql"))
            // A proposal still pending, naming the absorbed id: the queue (schema 4) must follow it to its survivor.
            + "\nINSERT INTO proposals VALUES (2,'LS7EGHHRGVBFAJ33','L5EX969AD7W6R939',0.66,'','pending','2026-11-20T10:00:00.0000000Z',NULL,NULL);"
            + $"\nPRAGMA user_version = {version};");

        await using var store = await SqliteRegistryStore.OpenAsync(path);
        Assert.Equal(SqliteMigrations.Latest, await store.GetSchemaVersionAsync());
        var check = await new RegistryVerifier(store).VerifyAsync();
        Assert.True(check.Ok, string.Join("; ", check.Problems));
        Assert.Equal(5, check.Entities);
        Assert.Equal("LQC5N98MP2FE1280", (await store.ResolveAsync("LS7EGHHRGVBFAJ33"))!.Id); // absorbed id still resolves
        Assert.Equal([("L5EX969AD7W6R939", "LV1BGB0FVYNCX417")], await store.GetCannotLinksAsync());
        Assert.Equal(13, await store.CountEventsAsync());
        await foreach (var v in store.ReadVariantsAsync()) Assert.Equal("", v.RawName); // written before raw names were kept: unknown
        Assert.Equal(["ix_entities_absorbed", "ix_proposals_status_score"], Indexes(path).Where(i => i is "ix_proposals_status" or "ix_proposals_status_score" or "ix_entities_absorbed").Order());
        var pending = await store.GetPendingProposalsAsync(new PendingProposalQuery(0.7, Country: "NL"), 0, 10); // NL: the survivor's
        Assert.Equal([2L], pending.Select(p => p.Id));
        Assert.Null(pending[0].Contributions); // written before contributions were kept: unknown
        Assert.DoesNotContain("ix_blocking_keys_key", Indexes(path)); // schema 7: the key table (never read) is gone, with its index

        // The migrated registry keeps working: the same names come back with their ids, nothing is minted.
        var engine = await ResolutionEngine.OpenAsync(store, new ResolutionOptions { Seed = 99 });
        var again = await engine.ResolveAllAsync([
            new ResolveInput("Siemens AG", "DE", null, null, null, null, "", 2),
            new ResolveInput("PHILIPS GLOEILAMPENFABRIEKEN", "NL", null, null, null, null, "", 3),
        ]);
        Assert.Equal(["L5EX969AD7W6R939", "LQC5N98MP2FE1280"], again.Select(p => p.GlobalId));
        Assert.Equal(0, engine.Statistics.NewEntities);
    }

    /// <summary>`names verify` recounts what the schema maintains for the review queue: a count set wrong behind the store's back is reported.</summary>
    [Fact]
    public async Task Verify_reports_maintained_queue_values_that_differ_from_a_recount()
    {
        var path = Path.Combine(_dir, "tampered.db");
        var (_, schema) = SqliteMigrations.All[0];
        Exec(path, schema + "\n" + File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "registry-v1.sql"))
            + "\nINSERT INTO proposals VALUES (2,'LS7EGHHRGVBFAJ33','L5EX969AD7W6R939',0.66,'','pending','2026-11-20T10:00:00.0000000Z',NULL,NULL);"
            + "\nPRAGMA user_version = 1;");
        await (await SqliteRegistryStore.OpenAsync(path)).DisposeAsync();
        Exec(path, "UPDATE entities SET variant_count = variant_count + 5 WHERE id = 'L5EX969AD7W6R939'; UPDATE review_queue SET variants = 1; "
            + "DELETE FROM entity_countries WHERE country = 'NL';");
        await using var store = await SqliteRegistryStore.OpenAsync(path);
        var problems = (await new RegistryVerifier(store).VerifyAsync()).Problems;
        Assert.Contains(problems, p => p.StartsWith("entity L5EX969AD7W6R939: variant count"));
        Assert.Contains(problems, p => p.StartsWith("review queue, proposal 2: stored (score 0.66, entities LQC5N98MP2FE1280 and L5EX969AD7W6R939, 1 variants)"));
        Assert.Contains(problems, p => p.Contains("with country 'NL' stored in entity_countries"));
    }

    private static List<string> Indexes(string path)
    {
        using var raw = new SqliteConnection($"Data Source={path};Pooling=False");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index'";
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }

    private static void Exec(string path, string sql)
    {
        using var raw = new SqliteConnection($"Data Source={path};Pooling=False");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
