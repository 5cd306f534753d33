using System.Net;
using Names.Resolver.Service;

namespace Names.Service.Tests;

/// <summary>
/// Many concurrent resolves of one new name mint exactly one id: in one process on SQLite and PostgreSQL, in a real
/// `names serve` process, and across two `names serve` processes on one PostgreSQL.
/// </summary>
public sealed class ConcurrentResolveTests
{
    private const int Requests = 50;

    private static async Task AssertOneIdAsync(IReadOnlyList<HttpClient> clients, string name, HttpClient reader)
    {
        var tasks = Enumerable.Range(0, Requests).Select(async i =>
        {
            var response = await clients[i % clients.Count].ResolveAsync(new { name, country = "DE" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.ReadJsonAsync();
        }).ToList();
        var answers = await Task.WhenAll(tasks);
        var ids = answers.Select(a => a.GetProperty("id").GetString()).Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal(1, answers.Count(a => a.GetProperty("resolution").GetString() == "new"));
        Assert.Equal(Requests - 1, answers.Count(a => a.GetProperty("resolution").GetString() == "matched"));
        var entity = await (await reader.GetAsync("/api/v1/entities/" + ids[0])).ReadJsonAsync();
        Assert.Equal(1, entity.GetProperty("variants").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Fifty_concurrent_resolves_of_a_new_name_give_one_id_on_sqlite()
    {
        await using var service = await ServiceFactory.CreateSqliteAsync();
        await AssertOneIdAsync([service.ClientFor(ApiRole.Filer)], "Gleichzeitig Maschinenbau GmbH", service.ClientFor(ApiRole.Reader));
    }

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task Fifty_concurrent_resolves_of_a_new_name_give_one_id_on_postgres()
    {
        await using var service = await ServiceFactory.CreatePostgresAsync();
        await AssertOneIdAsync([service.ClientFor(ApiRole.Filer)], "Gleichzeitig Maschinenbau GmbH", service.ClientFor(ApiRole.Reader));
        var health = await (await service.ClientFor(null).GetAsync("/api/v1/health")).ReadJsonAsync();
        Assert.Equal("postgresql", health.GetProperty("store").GetString());
    }

    [Fact]
    public async Task A_real_serve_process_prints_its_first_admin_key_once_and_serves_on_loopback()
    {
        var dir = Directory.CreateTempSubdirectory("names-serve-").FullName;
        try
        {
            var db = Path.Combine(dir, "names.db");
            string key;
            await using (var serve = await ServeProcess.StartAsync("--db", db))
            {
                key = serve.FirstAdminKey ?? throw new InvalidOperationException("no admin key printed on first start");
                using var client = serve.Client(key);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/health")).StatusCode);
                await AssertOneIdAsync([client], "Prozess Einzeln Werkzeuge AG", client);
                await (await serve.Client("nk_wrong").GetAsync("/api/v1/lookup?name=x")).AssertProblemAsync(401, "invalid_api_key");
            }
            await using (var again = await ServeProcess.StartAsync("--db", db))
            {
                Assert.Null(again.FirstAdminKey); // printed once only
                using var client = again.Client(key);
                var lookup = await (await client.GetAsync("/api/v1/lookup?name=Prozess%20Einzeln%20Werkzeuge%20AG&country=DE")).ReadJsonAsync();
                Assert.Equal("match", lookup.GetProperty("parties")[0].GetProperty("candidates")[0].GetProperty("decision").GetString());
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Two_serve_processes_on_one_sqlite_file_mint_one_id_for_concurrent_resolves()
    {
        var dir = Directory.CreateTempSubdirectory("names-serve2-").FullName;
        try
        {
            var db = Path.Combine(dir, "names.db");
            await using var first = await ServeProcess.StartAsync("--db", db);
            await using var second = await ServeProcess.StartAsync("--db", db);
            var key = first.FirstAdminKey ?? throw new InvalidOperationException("first instance printed no admin key");
            Assert.Null(second.FirstAdminKey);
            using var a = first.Client(key);
            using var b = second.Client(key);
            await AssertOneIdAsync([a, b], "Zwei Prozesse Eine Datei GmbH", b);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task Two_serve_processes_on_one_postgres_mint_one_id_for_concurrent_resolves()
    {
        var cs = await TestPostgres.CreateSchemaAsync();
        await using var first = await ServeProcess.StartAsync("--pg", cs);
        await using var second = await ServeProcess.StartAsync("--pg", cs);
        var key = first.FirstAdminKey ?? throw new InvalidOperationException("first instance printed no admin key");
        Assert.Null(second.FirstAdminKey);
        using var a = first.Client(key);
        using var b = second.Client(key);
        await AssertOneIdAsync([a, b], "Zwei Instanzen Anlagenbau KG", a);
        // Each instance sees the other's writes at once (no in-memory registry).
        var fromSecond = await (await b.ResolveAsync(new { name = "Zwei Instanzen Anlagenbau KG", country = "DE" })).ReadJsonAsync();
        Assert.Equal("matched", fromSecond.GetProperty("resolution").GetString());
        var minted = await (await a.ResolveAsync(new { name = "Erst Hier Dann Dort SE", country = "DE" })).ReadJsonAsync();
        var seen = await (await b.GetAsync("/api/v1/entities/" + minted.GetProperty("id").GetString())).ReadJsonAsync();
        Assert.Equal("Erst Hier Dann Dort SE", seen.GetProperty("canonicalName").GetString());
    }
}
