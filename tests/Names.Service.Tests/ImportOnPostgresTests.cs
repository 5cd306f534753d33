using System.Text;
using Names.Host.Authorities;
using Names.Host.Cli;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Postgres;

namespace Names.Service.Tests;

/// <summary>`names import gleif --pg` writes what the SQLite default writes, logs its successor merges, and a re-import changes nothing.</summary>
public class ImportOnPostgresTests
{
    private static async Task<(int Code, string Out, string Error)> Cli(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var console = new CliConsole { OpenStdin = () => new MemoryStream(), OpenStdout = () => new MemoryStream(), Out = output, Error = error };
        var code = await NamesCli.RunAsync(args, console);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>An export without its time column (a link's time is when it was written).</summary>
    private static async Task<string> ExportAsync(string what, params string[] registry)
    {
        var dir = Directory.CreateTempSubdirectory("names-pg-export-").FullName;
        try
        {
            var file = Path.Combine(dir, "x.csv");
            var r = await Cli(["export", "--what", what, .. registry, "--out", file]);
            Assert.True(r.Code == 0, r.Error);
            return string.Join("\n", (await File.ReadAllLinesAsync(file)).Select(l => what == "external-ids" ? string.Join(",", l.Split(',').SkipLast(1)) : l));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task Import_on_postgresql_matches_import_on_sqlite_and_a_reimport_logs_no_event()
    {
        var dir = Directory.CreateTempSubdirectory("names-pg-import-").FullName;
        try
        {
            var input = Path.Combine(dir, "gleif.csv");
            await using (var writer = new StreamWriter(input, false, new UTF8Encoding(false))) GleifSampleWriter.Write(writer, 600, 3);
            var pg = await TestPostgres.CreateSchemaAsync();
            var db = Path.Combine(dir, "r.db");
            var onPg = await Cli("import", "gleif", input, "--pg", pg, "--rejects", Path.Combine(dir, "pg-rejects.csv"));
            var onSqlite = await Cli("import", "gleif", input, "--db", db, "--rejects", Path.Combine(dir, "sqlite-rejects.csv"));
            Assert.True(onPg.Code == 0, onPg.Error);
            Assert.True(onSqlite.Code == 0, onSqlite.Error);
            Assert.Contains("600 records imported", onPg.Out);
            Assert.Equal(await ExportAsync("external-ids", "--db", db), await ExportAsync("external-ids", "--pg", pg));
            Assert.Equal(await ExportAsync("variants", "--db", db), await ExportAsync("variants", "--pg", pg));

            long events;
            await using (var store = await PostgresRegistryStore.OpenAsync(pg))
            {
                events = await store.CountEventsAsync();
                var merges = 0;
                await foreach (var e in store.ReadEventsAsync(null)) merges += e.Type == RegistryEventType.Merged && e.Actor == "import:gleif" ? 1 : 0;
                Assert.Equal(11, merges); // every 50th record names the next as its successor (the last one has none)
                Assert.Empty(await store.CheckReviewQueueAsync());
            }
            var again = await Cli("import", "gleif", input, "--pg", pg, "--rejects", Path.Combine(dir, "pg-rejects.csv"));
            Assert.True(again.Code == 0, again.Error);
            await using (var store = await PostgresRegistryStore.OpenAsync(pg)) Assert.Equal(events, await store.CountEventsAsync());
            Assert.Equal(0, (await Cli("verify", "--pg", pg)).Code);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
