using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Names.Resolver.Resolution;
using Names.Resolver.Service;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Postgres;

namespace Names.Host.Service.Benchmarks;

/// <summary>
/// <c>names bench lookup --input SYNTH.csv [--rows N] [--db FILE | --pg CONN]</c>: builds a registry from the first N
/// rows of a `names synth` file (bulk resolver; skipped when the registry already has entities), starts `names serve`
/// on it as a separate process, and drives it over loopback with keep-alive: lookups at a fixed rate, lookups at
/// saturation, resolves at saturation. Prints p50/p99/throughput and the service's CPU time and peak memory.
/// </summary>
public static class LookupBenchCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "CSV from `names synth` (columns name, country, kind)", Required = true };
        var rows = new Option<long>("--rows") { Description = "input rows resolved into the registry before the load", DefaultValueFactory = _ => 1_000_000 };
        var db = new Option<string?>("--db") { Description = "SQLite registry (default: a temporary file)" };
        var pg = new Option<string?>("--pg") { Description = "PostgreSQL connection string, instead of --db" };
        var rate = new Option<int>("--rate") { Description = "lookups per second of the fixed-rate phase", DefaultValueFactory = _ => 1000 };
        var seconds = new Option<int>("--seconds") { Description = "duration of each phase", DefaultValueFactory = _ => 10 };
        var workers = new Option<int>("--workers") { Description = "concurrent connections of the saturation phases", DefaultValueFactory = _ => 16 };
        var command = new Command("lookup", "Load-test `names serve`: lookup and resolve latency and throughput on a registry built from `names synth` data.")
        {
            input, rows, db, pg, rate, seconds, workers,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var temp = Directory.CreateTempSubdirectory("names-bench-lookup-");
            try
            {
                var settings = new ServiceSettings { DbPath = parse.GetValue(db) ?? Path.Combine(temp.FullName, "registry.db"), PgConnection = parse.GetValue(pg) };
                var records = ReadInput(parse.GetValue(input)!);
                var buildRows = (int)Math.Min(parse.GetValue(rows), records.Count);
                await BuildRegistryAsync(settings, records.Take(buildRows), output, ct);
                string key;
                var (registry, keys) = await ServiceRuntime.OpenStoreAsync(settings, ct);
                await using (registry) key = (await keys.AddKeyAsync("bench", ApiRole.Filer, ct)).Key;
                await RunLoadAsync(settings, key, records, buildRows, parse.GetValue(rate), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(workers), output, ct);
                return 0;
            }
            finally
            {
                temp.Delete(recursive: true);
            }
        });
        return command;
    }

    internal sealed record InputRow(string Name, string Country, string Kind);

    /// <summary>Reads name, country and kind of a `names synth` file (RFC 4180 quoting, one record per line).</summary>
    internal static List<InputRow> ReadInput(string path)
    {
        using var reader = new StreamReader(path);
        var header = Fields(reader.ReadLine() ?? "");
        int name = header.IndexOf("name"), country = header.IndexOf("country"), kind = header.IndexOf("kind");
        if (name < 0) throw new InvalidOperationException($"{path} has no 'name' column");
        var list = new List<InputRow>();
        while (reader.ReadLine() is { } line)
        {
            var f = Fields(line);
            string At(int i) => i >= 0 && i < f.Count ? f[i] : "";
            list.Add(new InputRow(At(name), At(country), At(kind)));
        }
        return list;
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }

    internal static async Task BuildRegistryAsync(ServiceSettings settings, IEnumerable<InputRow> rows, TextWriter output, CancellationToken ct)
    {
        IRegistryStore store = settings.PgConnection is { } cs ? await PostgresRegistryStore.OpenAsync(cs, ct) : await SqliteRegistryStore.OpenAsync(settings.DbPath, ct);
        await using (store)
        {
            if (await store.GetMaxVariantIdAsync(ct) > 0)
            {
                await output.WriteLineAsync("registry: existing, not rebuilt");
                return;
            }
            var clock = Stopwatch.StartNew();
            var engine = await ResolutionEngine.OpenAsync(store, new ResolutionOptions { SourceFile = "bench" }, ct: ct);
            long parties = 0;
            await foreach (var _ in engine.ResolveAsync(ToAsync(rows.Select((r, i) => new ResolveInput(r.Name, r.Country, r.Kind, Row: i + 1))), ct)) parties++;
            var entities = 0L;
            await foreach (var e in store.ReadEntitiesAsync(ct)) entities++;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"registry: {parties:N0} parties resolved into {entities:N0} entities in {clock.Elapsed.TotalSeconds:F1} s (bulk resolver, not part of the figures below)"));
        }
    }

    private static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items)
    {
        foreach (var i in items) yield return i;
        await Task.CompletedTask;
    }

    private static async Task RunLoadAsync(ServiceSettings settings, string key, List<InputRow> records, int built, int rate, TimeSpan duration, int workers,
        TextWriter output, CancellationToken ct)
    {
        var startClock = Stopwatch.StartNew();
        var started = await StartServeAsync(settings, ct);
        using var serve = started.Serve;
        var address = started.Address;
        try
        {
            _ = serve.StandardError.ReadToEndAsync(ct);
            var inv = CultureInfo.InvariantCulture;
            await output.WriteLineAsync(string.Create(inv, $"service: {settings.PgConnection switch { null => "sqlite", _ => "postgresql" }}, ready in {startClock.Elapsed.TotalSeconds:F1} s, pid {serve.Id}"));

            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(workers, 64), PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(address) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var generator = new LoadGenerator(client);
            var random = new Random(7);
            // Lookups ask for names already in the registry (as variants, so the candidates are real work).
            var known = Enumerable.Range(0, 20000).Select(_ => records[random.Next(built)]).ToArray();
            HttpRequestMessage Lookup(long i)
            {
                var r = known[i % known.Length];
                return new HttpRequestMessage(HttpMethod.Get, $"/api/v1/lookup?name={Uri.EscapeDataString(r.Name)}&country={Uri.EscapeDataString(r.Country)}&limit=5");
            }
            // Resolves: rows not yet in the registry (new variants and entities) mixed with known ones.
            var unseen = records.Skip(built).Take(50000).ToArray();
            HttpRequestMessage Resolve(long i)
            {
                var r = i % 2 == 0 && unseen.Length > 0 ? unseen[(i / 2) % unseen.Length] : known[i % known.Length];
                var body = JsonSerializer.Serialize(new { name = r.Name, country = r.Country, kind = r.Kind, source = "bench" });
                return new HttpRequestMessage(HttpMethod.Post, "/api/v1/resolve") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            }

            await generator.SaturateAsync(Lookup, workers, TimeSpan.FromSeconds(3), ct); // warm-up (JIT, caches), not reported
            var cpu0 = serve.TotalProcessorTime;
            var fixedRate = await generator.FixedRateAsync(Lookup, rate, duration, ct);
            var cpu1 = serve.TotalProcessorTime;
            var saturated = await generator.SaturateAsync(Lookup, workers, duration, ct);
            var cpu2 = serve.TotalProcessorTime;
            var resolves = await generator.SaturateAsync(Resolve, workers, duration, ct);
            var cpu3 = serve.TotalProcessorTime;
            serve.Refresh();
            string Line(string what, LoadGenerator.Result r, TimeSpan cpu) => string.Create(inv,
                $"{what,-26} {r.Requests,9:N0} requests, {r.PerSecond,8:N0}/s, p50 {r.P50Ms,7:F2} ms, p99 {r.P99Ms,7:F2} ms, max {r.MaxMs,8:F1} ms, failed {r.Failures}, service CPU {cpu.TotalSeconds / r.Elapsed.TotalSeconds:F2} cores");
            await output.WriteLineAsync(Line($"lookup at {rate}/s", fixedRate, cpu1 - cpu0));
            await output.WriteLineAsync(Line($"lookup saturated ({workers})", saturated, cpu2 - cpu1));
            await output.WriteLineAsync(Line($"resolve saturated ({workers})", resolves, cpu3 - cpu2));
            await output.WriteLineAsync($"service memory: {ProcStatus(serve.Id, "VmHWM")} peak resident (VmHWM), {ProcStatus(serve.Id, "VmRSS")} now");
            await output.WriteLineAsync($"machine: {Environment.ProcessorCount} cores; load generator in this process on the same cores");
        }
        finally
        {
            if (!serve.HasExited) serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>Starts `names serve` on the registry as a separate process on a free loopback port, rate limit off;
    /// returns once it listens. The caller reads its stderr and kills it.</summary>
    internal static async Task<(Process Serve, string Address)> StartServeAsync(ServiceSettings settings, CancellationToken ct)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(info.FileName) == "dotnet") info.ArgumentList.Add(typeof(LookupBenchCommand).Assembly.Location);
        info.ArgumentList.Add("serve");
        if (settings.PgConnection is { } cs) { info.ArgumentList.Add("--pg"); info.ArgumentList.Add(cs); }
        else { info.ArgumentList.Add("--db"); info.ArgumentList.Add(settings.DbPath); }
        foreach (var a in new[] { "--urls", "http://127.0.0.1:0", "--log-level", "Warning", "--rate-limit", "10000000" }) info.ArgumentList.Add(a);
        var serve = Process.Start(info) ?? throw new InvalidOperationException("cannot start names serve");
        string? address = null;
        while (address is null && await serve.StandardOutput.ReadLineAsync(ct) is { } line)
            if (line.StartsWith("names serve: listening on ", StringComparison.Ordinal)) address = line["names serve: listening on ".Length..].Trim();
        if (address is not null) return (serve, address);
        var error = await serve.StandardError.ReadToEndAsync(ct);
        if (!serve.HasExited) serve.Kill(entireProcessTree: true);
        serve.Dispose();
        throw new InvalidOperationException("names serve exited: " + error);
    }

    private static string ProcStatus(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            if (line is null) return "?";
            var kb = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0:F0} MB");
        }
        catch (IOException) { return "?"; }
    }
}
