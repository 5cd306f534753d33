using Names.Resolver.Storage.Sqlite;
using Names.Host.Cli;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Names.Host.Csv;
using Names.Resolver.Resolution;
using Names.Resolver.Service;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Postgres;

namespace Names.Host.Service.Benchmarks;

/// <summary>
/// <c>names bench lookup (--entities N | --input SYNTH.csv [--rows N]) [--db FILE | --pg CONN]</c>: builds a registry
/// (skipped when it already has variants): N synthetic entity slots written straight from their truth, or the first N
/// rows of a `names synth` file through the bulk resolver; starts `names serve` on it as a separate process, and drives it over loopback with
/// keep-alive: lookups and resolves at a fixed rate, then at saturation. Prints p50/p99/throughput, the service's CPU
/// time per request and its memory.
/// </summary>
public static class LookupBenchCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new Option<string?>("--input") { Description = "CSV from `names synth` (columns name, country, kind); instead of --entities" };
        var entities = new Option<long>("--entities") { Description = "build the registry from this many synthetic entities (one or two spellings each)" };
        var rows = new Option<long>("--rows") { Description = "input rows resolved into the registry before the load", DefaultValueFactory = _ => 1_000_000 };
        var db = new Option<string?>("--db") { Description = "SQLite registry (default: a temporary file)" };
        var pg = new Option<string?>("--pg") { Description = "PostgreSQL connection string, instead of --db" };
        var rate = new Option<int>("--rate") { Description = "lookups per second of the fixed-rate phase", DefaultValueFactory = _ => 1000 };
        var resolveRate = new Option<int>("--resolve-rate") { Description = "resolves per second of the fixed-rate phase (0: skip it)", DefaultValueFactory = _ => 500 };
        var seconds = new Option<int>("--seconds") { Description = "duration of each phase", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "seconds of lookups before the measured phases (JIT tiering, caches): the service recompiles hot methods for about a minute after start", DefaultValueFactory = _ => 60 };
        var workers = new Option<int>("--workers") { Description = "concurrent connections of the saturation phases", DefaultValueFactory = _ => 16 };
        var command = new Command("lookup", "Load-test `names serve`: lookup and resolve latency and throughput on a registry built from `names synth` data.")
        {
            input, entities, rows, db, pg, rate, resolveRate, seconds, warmup, workers,
        };
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "bench lookup", async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var temp = Directory.CreateTempSubdirectory("names-bench-lookup-");
            try
            {
                var settings = new ServiceSettings { DbPath = parse.GetValue(db) ?? Path.Combine(temp.FullName, "registry.db"), PgConnection = parse.GetValue(pg) };
                var random = new Random(7);
                BenchName[] known, unseen;
                if (parse.GetValue(entities) is > 0 and var n)
                {
                    var synthetic = new SyntheticRegistryRows();
                    await BuildRegistryAsync(settings, async store =>
                    {
                        var written = await SyntheticRegistryWriter.WriteAsync(store, synthetic, n, ct);
                        return string.Create(CultureInfo.InvariantCulture,
                            $"{n:N0} synthetic entity slots written directly ({written.Variants:N0} variants; {written.Skipped:N0} names already written skipped)");
                    }, output, ct);
                    // Lookups: fresh spellings of registry entities; resolves: half of them new entities (slots past the registry's).
                    known = Enumerable.Range(0, 20000).Select(i => synthetic.Probe(random.NextInt64(n), i)).ToArray();
                    unseen = Enumerable.Range(0, 50000).Select(i => synthetic.Probe(n + i, i)).ToArray();
                }
                else
                {
                    var path = parse.GetValue(input) ?? throw new CliUsageException("give --entities N or --input SYNTH.csv");
                    var records = ReadInput(path);
                    var built = (int)Math.Min(parse.GetValue(rows), records.Count);
                    await BuildRegistryAsync(settings, store => ResolveIntoAsync(store, records.Take(built), ct), output, ct);
                    // Lookups ask for names already in the registry (as variants, so the candidates are real work).
                    known = Enumerable.Range(0, 20000).Select(_ => records[random.Next(built)]).ToArray();
                    unseen = records.Skip(built).Take(50000).ToArray();
                }
                var key = await AddFilerKeyAsync(settings, "bench", ct);
                await RunLoadAsync(settings, key, known, unseen, parse.GetValue(rate), parse.GetValue(resolveRate), TimeSpan.FromSeconds(parse.GetValue(seconds)),
                    TimeSpan.FromSeconds(parse.GetValue(warmup)), parse.GetValue(workers), output, ct);
                return 0;
            }
            finally
            {
                temp.Delete(recursive: true);
            }
        }));
        return command;
    }

    /// <summary>A filer key for the load generator, added to the registry the bench built.</summary>
    internal static async Task<string> AddFilerKeyAsync(ServiceSettings settings, string name, CancellationToken ct)
    {
        var (registry, keys) = await ServiceRuntime.OpenStoreAsync(settings, ct);
        await using (registry) return (await keys.AddKeyAsync(name, ApiRole.Filer, ct)).Key;
    }

    /// <summary>Reads name, country and kind of a `names synth` file (the CLI's CSV reader; malformed lines skipped).</summary>
    internal static List<BenchName> ReadInput(string path)
    {
        if (!File.Exists(path)) throw new CliIoException($"input '{path}' does not exist");
        using var stream = File.OpenRead(path);
        using var reader = new CsvRecordReader(CsvCharSource.Open(stream));
        var header = reader.ReadHeader() ?? [];
        int name = Array.IndexOf(header, "name"), country = Array.IndexOf(header, "country"), kind = Array.IndexOf(header, "kind");
        if (name < 0) throw new CliUsageException($"{path} has no 'name' column");
        var list = new List<BenchName>();
        while (reader.ReadNextFields(-1, out _, out _) is var read && read != CsvReadKind.End)
        {
            if (read != CsvReadKind.Record) continue;
            string At(int i) => i >= 0 && i < reader.FieldCount ? reader.FieldText(i) : "";
            list.Add(new BenchName(At(name), At(country), At(kind)));
        }
        return list;
    }

    /// <summary>Builds the registry with <paramref name="build"/> (which says what it wrote) unless it already has variants.</summary>
    internal static async Task BuildRegistryAsync(ServiceSettings settings, Func<IRegistryStore, Task<string>> build, TextWriter output, CancellationToken ct)
    {
        IRegistryStore store = settings.PgConnection is { } cs ? await PostgresRegistryStore.OpenAsync(cs, ct) : await SqliteRegistryStore.OpenAsync(settings.DbPath, ct);
        await using (store)
        {
            var clock = Stopwatch.StartNew();
            var what = await store.GetMaxVariantIdAsync(ct) > 0 ? "existing, not rebuilt" : await build(store);
            var entities = 0L;
            await foreach (var e in store.ReadEntitiesAsync(ct)) entities++;
            var variants = await store.GetMaxVariantIdAsync(ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"registry: {entities:N0} entities, {variants:N0} variants; {what} in {clock.Elapsed.TotalSeconds:F1} s (not part of the figures below)"));
        }
    }

    /// <summary>Resolves the names into the registry with the bulk resolver; says how many parties it wrote.</summary>
    internal static async Task<string> ResolveIntoAsync(IRegistryStore store, IEnumerable<BenchName> names, CancellationToken ct)
    {
        var engine = await ResolutionEngine.OpenAsync(store, new ResolutionOptions { SourceFile = "bench" }, ct: ct);
        long parties = 0;
        await foreach (var _ in engine.ResolveAsync(ToAsync(names.Select((r, i) => new ResolveInput(r.Name, r.Country, r.Kind, Row: i + 1))), ct)) parties++;
        return string.Create(CultureInfo.InvariantCulture, $"{parties:N0} parties resolved by the bulk resolver");
    }

    private static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items)
    {
        foreach (var i in items) yield return i;
        await Task.CompletedTask;
    }

    private static async Task RunLoadAsync(ServiceSettings settings, string key, BenchName[] known, BenchName[] unseen, int rate, int resolveRate, TimeSpan duration, TimeSpan warmup, int workers,
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
            HttpRequestMessage Lookup(long i)
            {
                var r = known[i % known.Length];
                return new HttpRequestMessage(HttpMethod.Get, $"/api/v1/lookup?name={Uri.EscapeDataString(r.Name)}&country={Uri.EscapeDataString(r.Country)}&limit=5");
            }
            // Resolves: names not yet in the registry (new variants and entities) mixed with known ones.
            HttpRequestMessage Resolve(long i)
            {
                var r = i % 2 == 0 && unseen.Length > 0 ? unseen[(i / 2) % unseen.Length] : known[i % known.Length];
                var body = JsonSerializer.Serialize(new { name = r.Name, country = r.Country, kind = r.Kind, source = "bench" });
                return new HttpRequestMessage(HttpMethod.Post, "/api/v1/resolve") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            }

            var rssReady = ProcStatus(serve.Id, "VmRSS");
            await generator.SaturateAsync(Lookup, workers, warmup, ct); // warm-up (JIT tiering, caches), not reported
            await output.WriteLineAsync(string.Create(inv, $"load average before the load: {LoadAverage()}"));
            await output.WriteLineAsync(string.Create(inv, $"{"phase",-26} {"requests",9}  {"rate",9}  {"p50",10}  {"p99",10}  {"max",11}  failed  service CPU"));
            var resolveOffset = 0L;
            async Task PhaseAsync(string what, Func<Task<LoadGenerator.Result>> run)
            {
                var (cpuBefore, jitBefore) = (serve.TotalProcessorTime, await JitSecondsAsync(client, ct));
                var r = await run();
                var cpu = serve.TotalProcessorTime - cpuBefore;
                var jit = await JitSecondsAsync(client, ct) - jitBefore;
                // CPU per request predicts the idle-machine capacity: cores / (CPU seconds per request). Part of it is the
                // service compiling hot code again (tiering) until it is warm: shown apart, the warm-up is too short while it is large.
                await output.WriteLineAsync(string.Create(inv,
                    $"{what,-26} {r.Requests,9:N0}  {r.PerSecond,7:N0}/s  p50 {r.P50Ms,6:F2}ms  p99 {r.P99Ms,6:F2}ms  max {r.MaxMs,7:F1}ms  {r.Failures,6}  {cpu.TotalSeconds * 1000 / Math.Max(1, r.Requests),6:F3} ms/request ({cpu.TotalSeconds / r.Elapsed.TotalSeconds:F2} cores, {jit:F2} s compiling)"));
            }
            await PhaseAsync($"lookup at {rate}/s", () => generator.FixedRateAsync(Lookup, rate, duration, ct));
            await PhaseAsync($"lookup saturated ({workers})", () => generator.SaturateAsync(Lookup, workers, duration, ct));
            if (resolveRate > 0)
            {
                await PhaseAsync($"resolve at {resolveRate}/s", () => generator.FixedRateAsync(Resolve, resolveRate, duration, ct));
                resolveOffset = (long)(resolveRate * duration.TotalSeconds);
            }
            await PhaseAsync($"resolve saturated ({workers})", () => generator.SaturateAsync(i => Resolve(resolveOffset + i), workers, duration, ct));
            await output.WriteLineAsync($"service memory: {rssReady} resident when ready; {ProcStatus(serve.Id, "VmHWM")} peak resident (VmHWM), {ProcStatus(serve.Id, "VmRSS")} now");
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

    /// <summary>The service's time spent compiling code so far (its metrics' names_jit_compilation_seconds_total).</summary>
    private static async Task<double> JitSecondsAsync(HttpClient client, CancellationToken ct)
    {
        const string metric = "names_jit_compilation_seconds_total ";
        var line = (await client.GetStringAsync("/api/v1/metrics", ct)).Split('\n').FirstOrDefault(l => l.StartsWith(metric, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[metric.Length..], CultureInfo.InvariantCulture);
    }

    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
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
