using Microsoft.Data.Sqlite;
using Names.Resolver.Service;
using Names.Resolver.Service.Sqlite;
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
            cmd.CommandText = "DROP TABLE data_protection_keys; PRAGMA user_version = 4;";
            cmd.ExecuteNonQuery();
        }
        await using (var one = await SqliteOnlineRegistry.OpenAsync(path))
        {
            Assert.Equal(5, await one.CheckHealthAsync());
            Assert.Empty(await one.ListKeyRingElementsAsync());
            await one.AddKeyRingElementAsync("key-1", First);
            await one.AddKeyRingElementAsync("revocation-1", Second);
            Assert.True(await one.ClaimFirstKeyAsync());
        }
        await using var other = await SqliteOnlineRegistry.OpenAsync(path);
        Assert.Equal([First, Second], await other.ListKeyRingElementsAsync());
        Assert.False(await other.ClaimFirstKeyAsync()); // one claim per registry, ever
    }

    [PostgresFact]
    public async Task A_version_4_postgres_registry_gets_the_key_ring_table_and_keeps_what_is_stored()
    {
        var cs = await TestPostgres.CreateSchemaAsync();
        await (await PostgresOnlineRegistry.OpenAsync(cs)).DisposeAsync();
        await using (var c = new NpgsqlConnection(cs))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("DROP TABLE data_protection_keys; UPDATE schema_version SET version = 4;", c);
            await cmd.ExecuteNonQueryAsync();
        }
        await using (var one = await PostgresOnlineRegistry.OpenAsync(cs))
        {
            Assert.Equal(5, await one.CheckHealthAsync());
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
