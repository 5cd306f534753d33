using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Names.Host.Cli;
using Names.Resolver.Service;

namespace Names.Host.Service.Benchmarks;

/// <summary>
/// <c>names bench soak --input SYNTH.csv [--rows N] [--minutes 10] [--rate R] [--resolve-share S] [--report FILE.md]</c>:
/// builds a registry from a `names synth` file as <see cref="LookupBenchCommand"/> does, starts `names serve` on it,
/// and drives a steady mixed lookup/resolve load over loopback with keep-alive (the <see cref="LoadGenerator"/> at a
/// fixed rate, latency from each request's scheduled start) for N minutes. Every sample window it records requests,
/// errors, p50/p99/max latency, the service's resident memory and CPU; at the end it prints (and writes as markdown)
/// the table and the memory growth from the first to the last sample.
/// </summary>
public static class SoakBenchCommand
{
    /// <summary>Growth of resident memory over the soak above which the run is called a leak.</summary>
    public const double MemoryGrowthFloor = 0.10;

    public sealed record Sample(TimeSpan At, long Requests, long Failures, double P50Ms, double P99Ms, double MaxMs, long ResidentBytes, double ServiceCores);

    public static Command Create(CliConsole console)
    {
        var input = new Option<string>("--input") { Description = "CSV from `names synth` (columns name, country, kind)", Required = true };
        var rows = new Option<long>("--rows") { Description = "input rows resolved into the registry before the load", DefaultValueFactory = _ => 200_000 };
        var db = new Option<string?>("--db") { Description = "SQLite registry (default: a temporary file)" };
        var pg = new Option<string?>("--pg") { Description = "PostgreSQL connection string, instead of --db" };
        var minutes = new Option<double>("--minutes") { Description = "duration of the soak (after a 30 s warm-up)", DefaultValueFactory = _ => 10 };
        var rate = new Option<int>("--rate") { Description = "requests per second, lookups and resolves together", DefaultValueFactory = _ => 200 };
        var resolveShare = new Option<double>("--resolve-share") { Description = "fraction of the requests that are resolves (half of them new names)", DefaultValueFactory = _ => 0.2 };
        var sampleSeconds = new Option<int>("--sample-seconds") { Description = "length of one sample window", DefaultValueFactory = _ => 10 };
        var report = new Option<string?>("--report") { Description = "write the table and the summary as markdown to this file" };
        var command = new Command("soak", "Soak-test `names serve`: steady mixed lookup/resolve load for N minutes; errors, p99 latency and memory over time.")
        {
            input, rows, db, pg, minutes, rate, resolveShare, sampleSeconds, report,
        };
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "bench soak", async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var share = parse.GetValue(resolveShare);
            if (parse.GetValue(rate) < 1 || parse.GetValue(minutes) <= 0 || parse.GetValue(sampleSeconds) < 1 || share is < 0 or > 1)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("names bench soak: --rate, --minutes and --sample-seconds must be positive, --resolve-share between 0 and 1");
                return CliExitCodes.Usage;
            }
            var temp = Directory.CreateTempSubdirectory("names-bench-soak-");
            try
            {
                var settings = new ServiceSettings { DbPath = parse.GetValue(db) ?? Path.Combine(temp.FullName, "registry.db"), PgConnection = parse.GetValue(pg) };
                var records = LookupBenchCommand.ReadInput(parse.GetValue(input)!);
                var built = (int)Math.Min(parse.GetValue(rows), records.Count);
                if (built < 1) throw new CliUsageException("the input has no rows to build the registry from");
                await LookupBenchCommand.BuildRegistryAsync(settings, store => LookupBenchCommand.ResolveIntoAsync(store, records.Take(built), ct), output, ct);
                var key = await LookupBenchCommand.AddFilerKeyAsync(settings, "soak", ct);
                var load = new SoakLoad(records, built, share);
                var samples = await RunAsync(settings, key, load, parse.GetValue(rate), TimeSpan.FromMinutes(parse.GetValue(minutes)),
                    TimeSpan.FromSeconds(parse.GetValue(sampleSeconds)), output, ct);
                var markdown = Markdown(samples, settings, parse.GetValue(rate), share, built);
                await output.WriteAsync(markdown);
                if (parse.GetValue(report) is { } path) await File.WriteAllTextAsync(path, markdown, ct);
                return CliExitCodes.Done;
            }
            finally
            {
                temp.Delete(recursive: true);
            }
        }));
        return command;
    }

    /// <summary>Which request the i-th one is: a lookup of a known name, or a resolve of a known or a new name.</summary>
    private sealed class SoakLoad(List<BenchName> records, int built, double resolveShare)
    {
        private readonly BenchName[] _known = Pick(records, built);
        private readonly BenchName[] _unseen = records.Skip(built).ToArray();
        private readonly int _resolvesPerHundred = (int)Math.Round(resolveShare * 100);

        private static BenchName[] Pick(List<BenchName> records, int built)
        {
            var random = new Random(11);
            return Enumerable.Range(0, Math.Min(20_000, built)).Select(_ => records[random.Next(built)]).ToArray();
        }

        public HttpRequestMessage Request(long i)
        {
            if (i % 100 >= _resolvesPerHundred)
            {
                var r = _known[i % _known.Length];
                return new HttpRequestMessage(HttpMethod.Get, $"/api/v1/lookup?name={Uri.EscapeDataString(r.Name)}&country={Uri.EscapeDataString(r.Country)}&limit=5");
            }
            // Half of the resolves bring names the registry has not seen (new variants and entities: the registry grows).
            var row = i % 2 == 0 && _unseen.Length > 0 ? _unseen[(i / 2) % _unseen.Length] : _known[i % _known.Length];
            var body = JsonSerializer.Serialize(new { name = row.Name, country = row.Country, kind = row.Kind, source = "soak" });
            return new HttpRequestMessage(HttpMethod.Post, "/api/v1/resolve") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }

    private static async Task<List<Sample>> RunAsync(ServiceSettings settings, string key, SoakLoad load, int rate, TimeSpan duration, TimeSpan window,
        TextWriter output, CancellationToken ct)
    {
        var started = await LookupBenchCommand.StartServeAsync(settings, ct);
        using var serve = started.Serve;
        try
        {
            var errorLogLines = 0L;
            var drain = Task.Run(async () =>
            {
                while (await serve.StandardError.ReadLineAsync(CancellationToken.None) is { } line)
                    if (line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || line.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal))
                        Interlocked.Increment(ref errorLogLines);
            }, CancellationToken.None);
            var inv = CultureInfo.InvariantCulture;
            await output.WriteLineAsync(string.Create(inv, $"service: {(settings.PgConnection is null ? "sqlite" : "postgresql")}, pid {serve.Id}, " +
                $"{(MachineInfo.ResidentBytes(serve.Id) ?? 0) / 1048576.0:F0} MB resident before load; {rate}/s for {duration.TotalMinutes:F1} min after a 30 s warm-up"));

            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(started.Address), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var generator = new LoadGenerator(client);
            long next = 0;
            HttpRequestMessage Request(long _) => load.Request(Interlocked.Increment(ref next) - 1);

            await generator.FixedRateAsync(Request, rate, TimeSpan.FromSeconds(30), ct); // warm-up (JIT, caches), not reported
            var samples = new List<Sample>();
            var clock = Stopwatch.StartNew();
            var cpu = serve.TotalProcessorTime;
            while (clock.Elapsed + window / 2 < duration)
            {
                var since = clock.Elapsed;
                var r = await generator.FixedRateAsync(Request, rate, window, ct);
                serve.Refresh();
                var cpuNow = serve.TotalProcessorTime;
                var sample = new Sample(clock.Elapsed, r.Requests, r.Failures, r.P50Ms, r.P99Ms, r.MaxMs, MachineInfo.ResidentBytes(serve.Id) ?? 0,
                    (cpuNow - cpu).TotalSeconds / (clock.Elapsed - since).TotalSeconds);
                cpu = cpuNow;
                samples.Add(sample);
                await output.WriteLineAsync(string.Create(inv,
                    $"{sample.At.TotalSeconds,6:F0} s  {sample.Requests,7:N0} requests  {sample.Failures,4} errors  p50 {sample.P50Ms,7:F2} ms  p99 {sample.P99Ms,8:F2} ms  " +
                    $"max {sample.MaxMs,8:F1} ms  RSS {sample.ResidentBytes / 1048576.0,6:F0} MB  service CPU {sample.ServiceCores:F2} cores"));
            }
            await output.WriteLineAsync($"service error log lines: {Interlocked.Read(ref errorLogLines)}");
            return samples;
        }
        finally
        {
            if (!serve.HasExited) serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>The samples as a markdown table, then the totals and the memory growth against <see cref="MemoryGrowthFloor"/>.</summary>
    public static string Markdown(IReadOnlyList<Sample> samples, ServiceSettings settings, int rate, double resolveShare, int built)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(inv, $"Soak of `names serve` ({(settings.PgConnection is null ? "SQLite" : "PostgreSQL")} registry built from {built:N0} synth rows): " +
            $"{rate} requests/s, {resolveShare:P0} resolves (half of them new names), keep-alive on loopback; {MachineInfo.Describe()}; load average at the end {LoadAverage()}."));
        sb.AppendLine();
        sb.AppendLine("| t (s) | requests | errors | p50 (ms) | p99 (ms) | max (ms) | service RSS (MB) | service CPU (cores) |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in samples)
            sb.AppendLine(string.Create(inv, $"| {s.At.TotalSeconds:F0} | {s.Requests:N0} | {s.Failures} | {s.P50Ms:F2} | {s.P99Ms:F2} | {s.MaxMs:F1} | {s.ResidentBytes / 1048576.0:F0} | {s.ServiceCores:F2} |"));
        sb.AppendLine();
        if (samples.Count == 0) return sb.AppendLine("No sample was taken.").ToString();
        double first = samples[0].ResidentBytes, last = samples[^1].ResidentBytes;
        var growth = first > 0 ? (last - first) / first : 0;
        var p99s = samples.Select(s => s.P99Ms).Order().ToList();
        sb.AppendLine(string.Create(inv, $"- requests: {samples.Sum(s => s.Requests):N0}, errors: {samples.Sum(s => s.Failures):N0}"));
        sb.AppendLine(string.Create(inv, $"- p99 per window: median {p99s[p99s.Count / 2]:F2} ms, worst {p99s[^1]:F2} ms"));
        sb.AppendLine(string.Create(inv, $"- service memory: {first / 1048576.0:F0} MB at the first sample, {last / 1048576.0:F0} MB at the last, growth {growth:P1} " +
            $"(floor < {MemoryGrowthFloor:P0}: {(growth < MemoryGrowthFloor ? "met" : "NOT met")})"));
        return sb.ToString();
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
    }
}
