using Microsoft.Data.Sqlite;
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
        var error = await Assert.ThrowsAsync<RegistrySchemaTooNewException>(() => SqliteRegistryStore.OpenAsync(path));
        Assert.Contains($"schema version {SqliteMigrations.Latest + 1}", error.Message);
        Assert.Contains("Upgrade Names", error.Message);
    }
}
