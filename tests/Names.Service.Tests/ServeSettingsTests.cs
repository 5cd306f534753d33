using System.Net;
using System.Net.Sockets;

namespace Names.Service.Tests;

/// <summary>
/// `names serve` settings as an operator gives them: appsettings.json, then NAMES__ environment variables, then flags;
/// a PostgreSQL connection from the environment or a file instead of the command line. What is wrong is said at start-up.
/// </summary>
public sealed class ServeSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("names-settings-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task The_environment_wins_over_the_file_and_a_flag_over_the_environment()
    {
        var (filePort, envPort, flagPort) = (FreePort(), FreePort(), FreePort());
        var db = Path.Combine(_dir, "from-file.db");
        var config = Path.Combine(_dir, "appsettings.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "Registry": { "Sqlite": "{{db}}" },
              "Serve": { "Urls": "http://127.0.0.1:{{filePort}}", "RateLimitt": 5 }
            }
            """);
        var env = new Dictionary<string, string> { ["NAMES__Serve__Urls"] = $"http://127.0.0.1:{envPort}", ["NAMES__Serve__Colour"] = "blue" };

        await using (var serve = await ServeProcess.StartAsync(new ServeStart(["--config", config]) { Environment = env, AnyPort = false }))
        {
            Assert.Equal(envPort, serve.BaseAddress.Port);
            Assert.True(File.Exists(db), "the registry named in the settings file was not created");
            var output = string.Join('\n', serve.Output);
            Assert.Contains($"unknown setting 'Serve:RateLimitt' in {config}", output);
            Assert.Contains("unknown setting NAMES__Serve__Colour in the environment", output);
            using var anonymous = new HttpClient { BaseAddress = serve.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/health/ready")).StatusCode);
        }
        await using (var serve = await ServeProcess.StartAsync(new ServeStart(["--config", config, "--urls", $"http://127.0.0.1:{flagPort}"]) { Environment = env, AnyPort = false }))
            Assert.Equal(flagPort, serve.BaseAddress.Port);
    }

    [Fact]
    public async Task A_malformed_settings_file_exits_1_naming_the_file_and_line()
    {
        var config = Path.Combine(_dir, "broken.json");
        await File.WriteAllTextAsync(config, "{\n  \"Serve\": {\n    \"Urls\": ,\n  }\n}\n");
        var (code, _, err) = await NamesProcess.RunAsync("serve", "--config", config, "--db", Path.Combine(_dir, "x.db"));
        Assert.Equal(1, code);
        Assert.Contains($"malformed settings file '{config}', line 3", err);
        Assert.False(File.Exists(Path.Combine(_dir, "x.db")), "nothing may be opened before the settings are read");

        var missing = await NamesProcess.RunAsync("keys", "list", "--config", Path.Combine(_dir, "none.json"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", missing.Stderr);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_where_it_came_from()
    {
        var (code, _, err) = await NamesProcess.RunAsync(new Dictionary<string, string> { ["NAMES__Serve__RateLimit"] = "fast" },
            "serve", "--db", Path.Combine(_dir, "x.db"));
        Assert.Equal(2, code);
        Assert.Contains("NAMES__Serve__RateLimit: 'fast' is not a whole number", err);
    }

    [Fact]
    public async Task A_password_on_the_command_line_or_in_a_world_readable_file_gets_a_warning()
    {
        // Nothing listens on port 1: the command fails after reading its settings, which is all this test needs.
        const string connection = "Host=127.0.0.1;Port=1;Username=names;Password=s3cret;Timeout=2";
        var onCommandLine = await NamesProcess.RunAsync("keys", "list", "--pg", connection);
        Assert.Equal(1, onCommandLine.ExitCode);
        Assert.Contains("password given with --pg is visible to every local user", onCommandLine.Stderr);
        Assert.Contains("NAMES__Registry__Postgres", onCommandLine.Stderr);
        Assert.Contains("--pg-file", onCommandLine.Stderr);
        Assert.Contains("cannot open registry", onCommandLine.Stderr);

        var fromEnvironment = await NamesProcess.RunAsync(new Dictionary<string, string> { ["NAMES__Registry__Postgres"] = connection }, "keys", "list");
        Assert.DoesNotContain("warning", fromEnvironment.Stderr);
        Assert.Contains("cannot open registry 'PostgreSQL'", fromEnvironment.Stderr);

        var file = Path.Combine(_dir, "pg.conn");
        await File.WriteAllTextAsync(file, connection + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var open = await NamesProcess.RunAsync("keys", "list", "--pg-file", file);
        Assert.Contains($"'{file}' holds the PostgreSQL connection and every local user can read it", open.Stderr);
        Assert.Contains("cannot open registry 'PostgreSQL'", open.Stderr);

        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var closed = await NamesProcess.RunAsync("keys", "list", "--pg-file", file);
        Assert.DoesNotContain("warning", closed.Stderr);

        var both = await NamesProcess.RunAsync("keys", "list", "--pg-file", file, "--db", Path.Combine(_dir, "x.db"));
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("give either --db or --pg-file, not both", both.Stderr);
    }

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task A_service_on_postgres_from_a_connection_file_has_no_secret_on_its_command_line()
    {
        var connection = await TestPostgres.CreateSchemaAsync();
        var file = Path.Combine(_dir, "pg.conn");
        await File.WriteAllTextAsync(file, connection);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var serve = await ServeProcess.StartAsync(new ServeStart([]) { Environment = new Dictionary<string, string> { ["NAMES__Registry__PostgresFile"] = file } });
        using var anonymous = new HttpClient { BaseAddress = serve.BaseAddress };
        var ready = await (await anonymous.GetAsync("/api/v1/health/ready")).ReadJsonAsync();
        Assert.Equal("postgresql", ready.GetProperty("store").GetString());
        var commandLine = (await File.ReadAllTextAsync($"/proc/{serve.Id}/cmdline")).Replace('\0', ' ');
        Assert.DoesNotContain(new Npgsql.NpgsqlConnectionStringBuilder(connection).SearchPath!.Split(',')[0], commandLine); // the schema: unique to this connection
        Assert.DoesNotContain("warning", string.Join('\n', serve.Output));
    }
}
