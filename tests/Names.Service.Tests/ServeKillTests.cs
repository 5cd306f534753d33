using System.Collections.Concurrent;
using System.Net;
using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Registry;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Postgres;
using Names.Testing;

namespace Names.Service.Tests;

/// <summary>
/// Crash safety of the service (issue 6): a real `names serve` process is killed with SIGKILL while 8 clients resolve
/// PATSTAT names concurrently, then restarted, three times at seeded random moments. Every id answered before a kill
/// still resolves to its entity afterwards, a name keeps the one id it was answered with, and the registry verifies clean.
/// </summary>
public sealed class ServeKillTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const int Clients = 8, Kills = 3;

    private async Task KillWhileResolvingAsync(string[] store, Func<Task<IRegistryStore>> openStore)
    {
        var names = PatstatRow.Load().Select(r => r.Name).ToList();
        var answered = new ConcurrentDictionary<string, ConcurrentBag<string>>(); // name -> ids answered (200 only)
        var random = new Random(6);
        var statuses = new ConcurrentDictionary<string, int>();
        string? key = null;
        for (int kill = 0; kill < Kills; kill++)
        {
            await using var serve = await ServeProcess.StartAsync(store);
            key ??= serve.FirstAdminKey ?? throw new InvalidOperationException("no admin key printed on first start");
            using var client = serve.Client(key);
            // One answer first (start-up work is done lazily), so that the kill lands among concurrent resolves.
            Assert.Equal(HttpStatusCode.OK, (await client.ResolveAsync(new { name = names[kill], country = "NL" })).StatusCode);
            using var stopClients = new CancellationTokenSource();
            var order = names.OrderBy(_ => random.Next()).ToList();
            var next = -1;
            var load = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
            {
                while (!stopClients.IsCancellationRequested)
                {
                    var name = order[Interlocked.Increment(ref next) % order.Count];
                    HttpResponseMessage response;
                    try { response = await client.ResolveAsync(new { name, country = "NL" }); }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        statuses.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                        return; // killed
                    }
                    statuses.AddOrUpdate(response.StatusCode.ToString(), 1, (_, n) => n + 1);
                    if (response.StatusCode != HttpStatusCode.OK) continue;
                    try
                    {
                        var id = (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
                        answered.GetOrAdd(name, _ => new ConcurrentBag<string>()).Add(id);
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException) { return; } // body cut by the kill
                }
            })).ToList();
            await Task.Delay(TimeSpan.FromMilliseconds(200 + random.Next(2000)));
            await serve.KillAsync();
            stopClients.Cancel();
            await Task.WhenAll(load);
        }
        Assert.True(answered.Count > 20, $"only {answered.Count} names were answered before the kills ({string.Join(", ", statuses)})");

        log.WriteLine($"{Kills} kills; {answered.Sum(a => a.Value.Count)} answers for {answered.Count} names before them; outcomes {string.Join(", ", statuses)}");
        // No name was ever answered with two ids, across the kills.
        foreach (var (name, ids) in answered) Assert.True(ids.Distinct().Count() == 1, $"{name}: {string.Join(", ", ids.Distinct())}");

        await using (var serve = await ServeProcess.StartAsync(store))
        {
            using var client = serve.Client(key!);
            foreach (var (name, ids) in answered)
            {
                var id = ids.First();
                var entity = await client.GetAsync("/api/v1/entities/" + id);
                Assert.True(entity.StatusCode == HttpStatusCode.OK, $"{id} ({name}) does not resolve after the kill: {entity.StatusCode}");
                var again = await (await client.ResolveAsync(new { name, country = "NL" })).ReadJsonAsync();
                Assert.Equal(id, again.GetProperty("id").GetString());
                Assert.Equal("matched", again.GetProperty("resolution").GetString());
            }
        }
        await using var registry = await openStore();
        var check = await new RegistryVerifier(registry).VerifyAsync();
        Assert.True(check.Ok, string.Join("; ", check.Problems));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_sqlite_service_killed_while_resolving_keeps_every_answered_id()
    {
        var dir = Directory.CreateTempSubdirectory("names-serve-kill-").FullName;
        try
        {
            var db = Path.Combine(dir, "names.db");
            await KillWhileResolvingAsync(["--db", db], async () => await SqliteRegistryStore.OpenAsync(db));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task A_postgres_service_killed_while_resolving_keeps_every_answered_id()
    {
        var cs = await TestPostgres.CreateSchemaAsync();
        await KillWhileResolvingAsync(["--pg", cs], async () => await PostgresRegistryStore.OpenAsync(cs));
    }
}
