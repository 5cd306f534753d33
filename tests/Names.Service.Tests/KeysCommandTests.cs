using System.Diagnostics;
using Names.Resolver.Service;
using Names.Resolver.Storage.Sqlite;

namespace Names.Service.Tests;

/// <summary>`names keys add` as a user runs it: prints the key once on stdout; the registry holds only its hash.</summary>
public sealed class KeysCommandTests
{
    private static async Task<(int Code, string Out, string Err)> RunNamesAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "names.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Keys_add_prints_a_key_whose_hash_is_stored_with_its_role()
    {
        var dir = Directory.CreateTempSubdirectory("names-keys-").FullName;
        try
        {
            var db = Path.Combine(dir, "names.db");
            var (code, stdout, stderr) = await RunNamesAsync("keys", "add", "--role", "reviewer", "--name", "analyst-anna", "--db", db);
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
            var list = await RunNamesAsync("keys", "list", "--db", db);
            Assert.Contains("analyst-anna", list.Out);
            Assert.DoesNotContain(key, list.Out);
            var bad = await RunNamesAsync("keys", "add", "--role", "root", "--name", "x", "--db", db);
            Assert.NotEqual(0, bad.Code);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
