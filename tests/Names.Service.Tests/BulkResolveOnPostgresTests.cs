using System.Text;
using Names.Host.Cli;

namespace Names.Service.Tests;

/// <summary>`names resolve --pg` gives the same ids, resolutions and events as the SQLite default for the same seed and input.</summary>
public class BulkResolveOnPostgresTests
{
    private static async Task<(int Code, string Stderr)> Cli(params string[] args)
    {
        var error = new StringWriter();
        var console = new CliConsole
        {
            OpenStdin = () => new MemoryStream(), OpenStdout = () => new MemoryStream(), Out = new StringWriter(), Error = error,
        };
        var code = await NamesCli.RunAsync(args, console);
        return (code, error.ToString());
    }

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task Resolve_on_postgresql_matches_resolve_on_sqlite()
    {
        var dir = Directory.CreateTempSubdirectory("names-pg-bulk-").FullName;
        try
        {
            var input = Path.Combine(dir, "in.csv");
            await File.WriteAllTextAsync(input,
                "name,country\nSIEMENS AG,DE\nSiemens Aktiengesellschaft,DE\nNOKIA OYJ,FI\n\"DOE, JANE\",US\nJane Doe,US\nKONINKLIJKE PHILIPS N.V.,NL\nPhilips NV,NL\n",
                new UTF8Encoding(false));
            var pg = await TestPostgres.CreateSchemaAsync();
            var onPg = await Cli("resolve", input, "--country-column", "country", "--pg", pg, "--seed", "5", "--out", Path.Combine(dir, "pg.csv"));
            var onSqlite = await Cli("resolve", input, "--country-column", "country", "--db", Path.Combine(dir, "r.db"), "--seed", "5", "--out", Path.Combine(dir, "sqlite.csv"));
            Assert.True(onPg.Code == 0, onPg.Stderr);
            Assert.True(onSqlite.Code == 0, onSqlite.Stderr);
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(dir, "sqlite.csv")), await File.ReadAllTextAsync(Path.Combine(dir, "pg.csv")));

            var again = await Cli("resolve", input, "--country-column", "country", "--pg", pg, "--out", Path.Combine(dir, "pg2.csv"));
            Assert.Contains("0 ids minted", again.Stderr);
            var verify = await Cli("verify", "--pg", pg);
            Assert.Equal(0, verify.Code);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
