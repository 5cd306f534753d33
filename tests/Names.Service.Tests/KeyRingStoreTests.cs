using Microsoft.Data.Sqlite;
using Names.Resolver.Service;
using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Storage.Postgres;
using Npgsql;

namespace Names.Service.Tests;

/// <summary>
/// The data-protection key ring in the registry (schema 5), on both stores: a registry at schema 4 gets the table on
/// open, and what one open registry appends the next one reads, verbatim and oldest first; the first key is claimed once.
/// </summary>
public sealed class KeyRingStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("names-keyring-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Takes schema version 6 (the review queue's rows, counts and triggers) back out, to put a registry back to version 4.</summary>
    private const string SqliteSchema6 = """
        DROP TRIGGER tr_variants_insert; DROP TRIGGER tr_variants_delete; DROP TRIGGER tr_variants_move; DROP TRIGGER tr_proposals_insert;
        DROP TRIGGER tr_proposals_status; DROP TRIGGER tr_proposals_score; DROP TRIGGER tr_entities_absorbed;
        DROP TABLE review_queue; DROP TABLE entity_countries; DROP TABLE entity_sources; ALTER TABLE entities DROP COLUMN variant_count;
        """;

    private const string PostgresSchema6 = """
        DROP TABLE review_queue, entity_countries, entity_sources;
        DROP FUNCTION names_count_variants, names_variants_inserted, names_variants_deleted, names_variants_updated,
            names_proposal_queued, names_entity_status_changed CASCADE;
        ALTER TABLE entities DROP COLUMN variant_count;
        """;

    private const string First = "<key id=\"1\" version=\"1\"><name>é &amp; ü</name></key>";
    private const string Second = "<revocation version=\"1\"><revocationDate>2026-11-21T12:00:00Z</revocationDate></revocation>";

    [Fact]
    public async Task A_version_4_sqlite_registry_gets_the_key_ring_table_and_keeps_what_is_stored()
    {
        var path = Path.Combine(_dir, "r.db");
        await (await SqliteOnlineRegistry.OpenAsync(path)).DisposeAsync();
        using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "DROP TABLE data_protection_keys; DROP TABLE erasures; DROP TABLE read_audit; " + SqliteSchema6 + " PRAGMA user_version = 4;";
            cmd.ExecuteNonQuery();
        }
        await using (var one = await SqliteOnlineRegistry.OpenAsync(path))
        {
            Assert.Equal(10, await one.CheckHealthAsync());
            Assert.Empty(await one.ListKeyRingElementsAsync());
            await one.AddKeyRingElementAsync("key-1", First);
            await one.AddKeyRingElementAsync("revocation-1", Second);
            Assert.True(await one.ClaimFirstKeyAsync());
        }
        await using var other = await SqliteOnlineRegistry.OpenAsync(path);
        Assert.Equal([First, Second], await other.ListKeyRingElementsAsync());
        Assert.False(await other.ClaimFirstKeyAsync()); // one claim per registry, ever
    }

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task A_version_4_postgres_registry_gets_the_key_ring_table_and_keeps_what_is_stored()
    {
        var cs = await TestPostgres.CreateSchemaAsync();
        await (await PostgresOnlineRegistry.OpenAsync(cs)).DisposeAsync();
        await using (var c = new NpgsqlConnection(cs))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("DROP TABLE data_protection_keys; DROP TABLE erasures, read_audit; DROP FUNCTION names_read_audit_append_only CASCADE; " + PostgresSchema6 + " UPDATE schema_version SET version = 4;", c);
            await cmd.ExecuteNonQueryAsync();
        }
        await using (var one = await PostgresOnlineRegistry.OpenAsync(cs))
        {
            Assert.Equal(10, await one.CheckHealthAsync());
            Assert.Empty(await one.ListKeyRingElementsAsync());
            await one.AddKeyRingElementAsync("key-1", First);
            await one.AddKeyRingElementAsync("revocation-1", Second);
            Assert.True(await one.ClaimFirstKeyAsync());
        }
        await using var other = await PostgresOnlineRegistry.OpenAsync(cs);
        Assert.Equal([First, Second], await other.ListKeyRingElementsAsync());
        Assert.False(await other.ClaimFirstKeyAsync()); // one claim per registry, ever
    }
}
