using Names.Resolver.Service;
using Names.Resolver.Storage.Sqlite;

namespace Names.Service.Tests;

/// <summary>`names keys add` as a user runs it: prints the key once on stdout; the registry holds only its hash.</summary>
public sealed class KeysCommandTests
{
    [Fact]
    public async Task Keys_add_prints_a_key_whose_hash_is_stored_with_its_role()
    {
        var dir = Directory.CreateTempSubdirectory("names-keys-").FullName;
        try
        {
            var db = Path.Combine(dir, "names.db");
            var (code, stdout, stderr) = await NamesProcess.RunAsync("keys", "add", "--role", "reviewer", "--name", "analyst-anna", "--db", db);
            Assert.True(code == 0, stderr);
            var key = stdout.Trim();
            Assert.StartsWith(ApiKeySecret.KeyPrefix, key);
            Assert.Contains("reviewer", stderr);
            await using (var registry = await SqliteOnlineRegistry.OpenAsync(db))
            {
                var record = await registry.FindKeyAsync(ApiKeySecret.Hash(key));
                Assert.NotNull(record);
                Assert.Equal((ApiRole.Reviewer, "analyst-anna"), (record.Role, record.Name));
            }
            var list = await NamesProcess.RunAsync("keys", "list", "--db", db);
            Assert.Contains("analyst-anna", list.Stdout);
            Assert.DoesNotContain(key, list.Stdout);
            var bad = await NamesProcess.RunAsync("keys", "add", "--role", "root", "--name", "x", "--db", db);
            Assert.NotEqual(0, bad.ExitCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
