using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Names.Host.Tests;

/// <summary>A registry written by a newer Names is refused by every command with a clear message and exit code 1, and left untouched.</summary>
public sealed class RegistrySchemaCommandTests
{
    [Fact]
    public async Task Resolve_verify_and_serve_refuse_a_newer_registry_without_changing_it()
    {
        using var dir = new TempDir();
        var input = dir.Write("in.csv", "name\nSIEMENS AG\n");
        var db = dir.File("newer.db");
        Assert.Equal(0, (await CliRun.RunAsync("resolve", input, "--db", db, "--out", dir.File("out.csv"))).ExitCode);
        using (var raw = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 999; PRAGMA journal_mode = DELETE;";
            cmd.ExecuteNonQuery();
        }
        var before = SHA256.HashData(File.ReadAllBytes(db));

        foreach (var args in new[] { new[] { "resolve", input, "--db", db, "--out", dir.File("again.csv") }, ["verify", "--db", db], ["serve", "--db", db, "--urls", "http://127.0.0.1:0"] })
        {
            var r = await CliRun.RunAsync(args);
            Assert.True(r.ExitCode == 1, $"{args[0]}: exit {r.ExitCode}: {r.Stderr}");
            Assert.Contains("schema version 999", r.Stderr);
            Assert.Contains("Upgrade Names to open it (the file was not changed)", r.Stderr);
            Assert.DoesNotContain("   at ", r.Stderr); // a message, not a stack trace
        }
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(db)));
        Assert.False(File.Exists(dir.File("again.csv")));
    }
}
