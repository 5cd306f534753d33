using System.Diagnostics;
using System.Text.Json;

namespace Names.Service.Tests;

/// <summary>
/// /openapi/v1.json is a document real clients can use: Redocly's recommended rules find nothing, every API operation
/// says which key role it needs, and a C# client that Kiota generates from it talks to a running `names serve`.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteServiceFixture fixture, Xunit.Abstractions.ITestOutputHelper log) : IClassFixture<SqliteServiceFixture>
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(string file, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Redocly CLI from tests/openapi (package-lock.json), installed with `npm ci` when missing.</summary>
    private static async Task<string> RedoclyAsync()
    {
        var dir = Path.Combine(RepositoryPaths.Root, "tests", "openapi");
        var cli = Path.Combine(dir, "node_modules", ".bin", "redocly");
        if (!File.Exists(cli))
        {
            var install = await RunAsync("npm", dir, "ci", "--no-audit", "--no-fund");
            Assert.True(install.Code == 0, "npm ci failed: " + install.Err);
        }
        return cli;
    }

    private async Task<string> DocumentFileAsync(HttpClient client)
    {
        var text = await client.GetStringAsync("/openapi/v1.json");
        var file = Path.Combine(Directory.CreateTempSubdirectory("names-openapi-").FullName, "v1.json");
        await File.WriteAllTextAsync(file, text);
        return file;
    }

    [Fact]
    public async Task The_document_passes_redocly_recommended_rules_with_no_error_or_warning()
    {
        // From a real `names serve`: its server entry is the address clients reach it by (a test server's is "localhost").
        var dir = Directory.CreateTempSubdirectory("names-openapi-serve-").FullName;
        string file;
        await using (var serve = await ServeProcess.StartAsync("--db", Path.Combine(dir, "names.db")))
            file = await DocumentFileAsync(new HttpClient { BaseAddress = serve.BaseAddress });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        var (code, output, err) = await RunAsync(await RedoclyAsync(), Path.GetDirectoryName(file)!, "lint", file, "--format=json");
        log.WriteLine(output);
        var report = JsonDocument.Parse(output[output.IndexOf('{')..]).RootElement;
        var problems = report.GetProperty("problems").EnumerateArray().Select(p => $"{p.GetProperty("ruleId")}: {p.GetProperty("message")}").ToList();
        Assert.True(report.GetProperty("totals").GetProperty("errors").GetInt32() == 0, string.Join('\n', problems) + err);
        Assert.True(report.GetProperty("totals").GetProperty("warnings").GetInt32() == 0, string.Join('\n', problems));
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task Every_operation_names_its_role_its_problem_answers_and_the_bearer_scheme()
    {
        var document = JsonDocument.Parse(await fixture.Factory.ClientFor(null).GetStringAsync("/openapi/v1.json")).RootElement;
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        Assert.False(string.IsNullOrEmpty(document.GetProperty("info").GetProperty("license").GetProperty("name").GetString()));

        var roles = new Dictionary<string, string?>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            var op = operation.Value;
            var id = op.GetProperty("operationId").GetString()!;
            roles[id] = op.TryGetProperty("x-names-role", out var role) ? role.GetString() : null;
            var security = op.GetProperty("security").EnumerateArray().ToList();
            if (roles[id] is null) Assert.True(security.All(s => !s.EnumerateObject().Any()), $"{id}: anonymous but asks for a key");
            else
            {
                Assert.Contains(security, s => s.TryGetProperty("apiKey", out _));
                Assert.Contains($"role **{roles[id]}**", op.GetProperty("description").GetString());
            }
            var problems = op.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('4')).ToList();
            Assert.True(problems.Count > 0, $"{id} documents no 4xx answer");
            foreach (var r in problems)
                Assert.True(r.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{id} {r.Name} is not a problem answer");
        }
        Assert.Equal(("reader", "filer", "reader", "reviewer", "admin", null, null),
            (roles["Lookup"], roles["Resolve"], roles["GetEntity"], roles["ListProposals"], roles["CreateKey"], roles["Liveness"], roles["Readiness"]));
        var idempotency = document.GetProperty("paths").GetProperty("/api/v1/resolve").GetProperty("post").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("header", idempotency.GetProperty("in").GetString());
    }

    /// <summary>Generates the client with the pinned Kiota tool (dotnet-tools.json), builds tests/openapi/client on it and runs it.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_kiota_client_generated_from_the_document_resolves_looks_up_and_reads_entities()
    {
        var dir = Directory.CreateTempSubdirectory("names-kiota-").FullName;
        try
        {
            await using var serve = await ServeProcess.StartAsync("--db", Path.Combine(dir, "names.db"));
            var document = await DocumentFileAsync(new HttpClient { BaseAddress = serve.BaseAddress });
            var project = Path.Combine(RepositoryPaths.Root, "tests", "openapi", "client", "Names.ApiClientCheck.csproj");
            var output = Path.Combine(dir, "client");
            var build = await RunAsync("dotnet", dir, "build", project, "-c", "Release", "-nologo", "-v", "q", "-o", output, $"-p:OpenApiDocument={document}");
            Assert.True(build.Code == 0, "client build failed: " + build.Out + build.Err);

            var run = await RunAsync("dotnet", dir, Path.Combine(output, "Names.ApiClientCheck.dll"), serve.BaseAddress.ToString(), serve.FirstAdminKey!);
            log.WriteLine(run.Out);
            Assert.True(run.Code == 0, run.Out + run.Err);
            var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToDictionary(l => l[..l.IndexOf(':')], l => l[(l.IndexOf(':') + 2)..]);
            var id = lines["resolve"].Split(' ')[0]["id=".Length..];
            Assert.Equal($"id={id} resolution=new retry-id={id} replayed=True", lines["resolve"]);
            Assert.Equal($"best={id} decision=review", lines["lookup"]);
            Assert.Equal($"id={id} name=Koninklijke Philips Electronics N.V. variants=1", lines["entities"]);
            Assert.Equal("status=400 code=invalid_id", lines["problem"]);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
