using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Names.Host.Benchmarks;
using Names.Host.Synthesis;

namespace Names.Host.Cli;

/// <summary>
/// <c>names bench clean [--rows N]</c>: end-to-end timing of `names clean` (CSV in, CSV out, temp files) on
/// generated data; <c>names bench micro [BenchmarkDotNet args]</c>: BenchmarkDotNet micro-benchmarks of the normaliser.
/// </summary>
public static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var bench = new Command("bench", "Measure speed and memory.");
        bench.Subcommands.Add(Clean(console));
        bench.Subcommands.Add(Resolve(console));
        bench.Subcommands.Add(Micro(console));
        bench.Subcommands.Add(Names.Host.Service.Benchmarks.LookupBenchCommand.Create(console));
        bench.Subcommands.Add(Names.Host.Service.Benchmarks.SoakBenchCommand.Create(console));
        bench.Subcommands.Add(Names.Host.Authorities.ImportBenchCommand.Create(console));
        return bench;
    }

    private static Command Clean(CliConsole console)
    {
        var rows = new Option<long>("--rows") { Description = "generated rows", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<ulong>("--seed") { Description = "generator seed", DefaultValueFactory = _ => 1 };
        var command = new Command("clean", "Generate names (not timed), then time `names clean` on them end to end.") { rows, seed };
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "bench clean", async () =>
        {
            var n = parse.GetValue(rows);
            if (n <= 0) throw new CliUsageException("--rows must be positive");
            var dir = Directory.CreateTempSubdirectory("names-bench-");
            try
            {
                var (input, gen) = await GenerateAsync(console, dir, n, parse.GetValue(seed), ct);
                var output = Path.Combine(dir.FullName, "clean.csv");
                var quiet = Quiet(console);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var runtimeBefore = RuntimeActivity.Now();
                var clean = Stopwatch.StartNew();
                var code = await CleanCommand.RunAsync(quiet, new CleanCommand.CleanRequest(input, "name", "country", "kind", output, null), ct);
                clean.Stop();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                var runtime = RuntimeActivity.Now().Since(runtimeBefore);
                if (code != CliExitCodes.Done) throw new CliIoException($"clean failed: {quiet.Error}");
                var parties = CountLines(output) - 1;
                var inv = CultureInfo.InvariantCulture;
                new CliSummary("names bench clean")
                    .Add("machine", MachineInfo.Describe())
                    .Add("input", string.Create(inv, $"{n:N0} generated rows, {new FileInfo(input).Length / 1048576.0:F1} MB (generated in {gen.TotalSeconds:F1} s, not timed)"))
                    .Add("output", string.Create(inv, $"{parties:N0} party rows, {new FileInfo(output).Length / 1048576.0:F1} MB"))
                    .Add("time", string.Create(inv, $"{clean.Elapsed.TotalSeconds:F2} s end to end (CSV in, CSV out)"))
                    .Add("cpu", string.Create(inv, $"{cpu.TotalSeconds:F2} s ({cpu.TotalSeconds / clean.Elapsed.TotalSeconds:F2} cores busy on average; load average before the run {LoadAverage()})"))
                    .Add("throughput", string.Create(inv, $"{n / clean.Elapsed.TotalSeconds:N0} names/s"))
                    .Add("peak memory", string.Create(inv, $"{MachineInfo.PeakMemoryBytes() / 1048576.0:F0} MB (VmHWM, whole process)"))
                    .Add("runtime", runtime.ToString())
                    .WriteTo(console.Out);
                return CliExitCodes.Done;
            }
            finally
            {
                dir.Delete(recursive: true);
            }
        }));
        return command;
    }

    /// <summary>
    /// <c>names bench resolve</c>: generated rows (not timed) resolved end to end (CSV in, CSV out) into a fresh SQLite
    /// registry; time, CPU, peak memory, and the accuracy against the generator's true entity ids.
    /// </summary>
    private static Command Resolve(CliConsole console)
    {
        var rows = new Option<long>("--rows") { Description = "generated rows", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<ulong>("--seed") { Description = "generator seed", DefaultValueFactory = _ => 1 };
        var command = new Command("resolve", "Generate names (not timed), then time `names resolve` on them into a fresh SQLite registry, and measure accuracy.") { rows, seed };
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "bench resolve", async () =>
        {
            var n = parse.GetValue(rows);
            if (n <= 0) throw new CliUsageException("--rows must be positive");
            var dir = Directory.CreateTempSubdirectory("names-bench-");
            try
            {
                var (input, gen) = await GenerateAsync(console, dir, n, parse.GetValue(seed), ct);
                var request = new Resolving.ResolveRequest
                {
                    Input = input, CountryColumn = "country", KindColumn = "kind", IdColumn = "record_id",
                    Registry = new RegistryLocation(Path.Combine(dir.FullName, "bench.db"), null),
                    Out = Path.Combine(dir.FullName, "resolved.csv"), Rejects = Path.Combine(dir.FullName, "rejects.csv"), Seed = 1,
                };
                var truth = new Resolving.EvaluationCollector(4, collectRecords: false); // entity_id column of names synth
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var runtimeBefore = RuntimeActivity.Now();
                var outcome = await new Resolving.ResolveRun(Quiet(console)).RunAsync(request, ct, truth);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                var runtime = RuntimeActivity.Now().Since(runtimeBefore);
                var m = Names.Resolver.Evaluation.ClusterMetrics.Compute(truth.Predicted, truth.Truth);
                var s = outcome.Statistics;
                var inv = CultureInfo.InvariantCulture;
                new CliSummary("names bench resolve")
                    .Add("machine", MachineInfo.Describe())
                    .Add("input", string.Create(inv, $"{n:N0} generated rows (generated in {gen.TotalSeconds:F1} s, not timed)"))
                    .Add("registry", string.Create(inv, $"fresh SQLite, {new FileInfo(Path.Combine(dir.FullName, "bench.db")).Length / 1048576.0:F0} MB; {s.NewEntities:N0} ids minted, {s.ProposalsCreated:N0} review proposals"))
                    .Add("model", outcome.Model)
                    .Add("time", string.Create(inv, $"{outcome.Elapsed.TotalSeconds:F1} s end to end (CSV in, registry, CSV out), {n / outcome.Elapsed.TotalSeconds:N0} rows/s"))
                    .Add("cpu", string.Create(inv, $"{cpu.TotalSeconds:F1} s ({cpu.TotalSeconds / outcome.Elapsed.TotalSeconds:F2} cores busy on average; load average before the run {LoadAverage()})"))
                    .Add("peak memory", string.Create(inv, $"{MachineInfo.PeakMemoryBytes() / 1048576.0:F0} MB (VmHWM, whole process)"))
                    .Add("runtime", runtime.ToString())
                    .Add("managed heap", HeapLine())
                    .Add("accuracy", string.Create(inv, $"B-cubed P {m.BCubedPrecision:F3} R {m.BCubedRecall:F3} F1 {m.BCubedF1:F3}; pairwise P {m.PairPrecision:F3} R {m.PairRecall:F3} F1 {m.PairF1:F3}; clusters {m.PredictedClusters:N0} predicted / {m.TrueClusters:N0} true"))
                    .AddIf("estimated", ResolveCommand.EstimateLine(s.Accuracy))
                    .WriteTo(console.Out);
                return CliExitCodes.Done;
            }
            finally
            {
                dir.Delete(recursive: true);
            }
        }));
        return command;
    }

    private static async Task<(string Path, TimeSpan Elapsed)> GenerateAsync(CliConsole console, DirectoryInfo dir, long rows, ulong seed, CancellationToken ct)
    {
        var input = Path.Combine(dir.FullName, "synth.csv");
        var clock = Stopwatch.StartNew();
        using (var writer = OutputFile.Open(input, console)) await SyntheticCsvWriter.WriteAsync(writer, rows, seed, ct);
        return (input, clock.Elapsed);
    }

    /// <summary>The timed command's own summary is not wanted: the bench prints its figures.</summary>
    internal static CliConsole Quiet(CliConsole console) => new()
    {
        OpenStdin = console.OpenStdin, OpenStdout = console.OpenStdout, Out = TextWriter.Null, Error = new StringWriter(), ErrorIsTerminal = false,
    };

    private static Command Micro(CliConsole console)
    {
        var command = new Command("micro", "BenchmarkDotNet micro-benchmarks of the normaliser and the pair scorers (pass BenchmarkDotNet arguments after it, e.g. --filter '*').")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parse =>
        {
            var args = parse.UnmatchedTokens.ToArray();
            BenchmarkSwitcher.FromTypes([typeof(NormalizerBenchmarks), typeof(PairScorerBenchmarks)]).Run(args.Length == 0 ? ["--filter", "*"] : args);
            return CliExitCodes.Done;
        });
        return command;
    }

    /// <summary>What the last collection left: live objects, the free space among them, and what the GC holds committed (peak memory is mostly this).</summary>
    private static string HeapLine()
    {
        var gc = GC.GetGCMemoryInfo();
        return string.Create(CultureInfo.InvariantCulture,
            $"{gc.HeapSizeBytes / 1048576.0:F0} MB after the last collection ({gc.FragmentedBytes / 1048576.0:F0} MB of it free), {gc.TotalCommittedBytes / 1048576.0:F0} MB committed");
    }

    internal static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
    }

    private static long CountLines(string path)
    {
        long lines = 0;
        var buffer = new byte[1 << 16];
        using var fs = File.OpenRead(path);
        int n;
        while ((n = fs.Read(buffer)) > 0) lines += buffer.AsSpan(0, n).Count((byte)'\n');
        return lines;
    }
}
