using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Names.Host.Cli;

namespace Names.Host.Authorities;

/// <summary>
/// <c>names bench import</c>: generated GLEIF golden copy rows (<see cref="GleifSampleWriter"/>, not timed) imported end
/// to end into a fresh SQLite registry, then imported again (nothing to change); records/s, CPU and peak memory.
/// </summary>
public static class ImportBenchCommand
{
    public static Command Create(CliConsole console)
    {
        var rows = new Option<long>("--rows") { Description = "generated GLEIF records", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<ulong>("--seed") { Description = "generator seed", DefaultValueFactory = _ => 1 };
        var keep = new Option<string?>("--keep") { Description = "also write the generated file here (a fixture in the LEI-CDF CSV format)" };
        var command = new Command("import", "Generate GLEIF golden copy rows (not timed), then time `names import gleif` on them into a fresh SQLite registry, and again.") { rows, seed, keep };
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "bench import", async () =>
        {
            var n = parse.GetValue(rows);
            if (n <= 0) throw new CliUsageException("--rows must be positive");
            var dir = Directory.CreateTempSubdirectory("names-bench-");
            try
            {
                var input = parse.GetValue(keep) ?? Path.Combine(dir.FullName, "gleif.csv");
                var gen = Stopwatch.StartNew();
                using (var writer = OutputFile.Open(input, console)) GleifSampleWriter.Write(writer, n, parse.GetValue(seed));
                gen.Stop();
                var location = new RegistryLocation(Path.Combine(dir.FullName, "bench.db"), null);
                var quiet = BenchCommand.Quiet(console);
                var load = BenchCommand.LoadAverage();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var first = await ImportCommand.RunAsync(quiet, location, input, s => new GleifGoldenCopyFile(s), long.MaxValue,
                    Path.Combine(dir.FullName, "rejects.csv"), "import:gleif", ct);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                var peak = MachineInfo.PeakMemoryBytes();
                var again = await ImportCommand.RunAsync(quiet, location, input, s => new GleifGoldenCopyFile(s), long.MaxValue,
                    Path.Combine(dir.FullName, "rejects.csv"), "import:gleif", ct);
                var inv = CultureInfo.InvariantCulture;
                var s = first.Statistics;
                new CliSummary("names bench import")
                    .Add("machine", MachineInfo.Describe())
                    .Add("input", string.Create(inv, $"{n:N0} generated GLEIF records, {new FileInfo(input).Length / 1048576.0:F1} MB (generated in {gen.Elapsed.TotalSeconds:F1} s, not timed)"))
                    .Add("written", string.Create(inv, $"{s.EntitiesCreated:N0} entities, {s.NamesAdded:N0} names, {s.IdsLinked:N0} LEIs, {s.Merged:N0} successor merges, {s.Events:N0} events"))
                    .Add("time", string.Create(inv, $"{first.Elapsed.TotalSeconds:F2} s end to end (registry opened, CSV read, names normalised, written)"))
                    .Add("throughput", string.Create(inv, $"{n / first.Elapsed.TotalSeconds:N0} records/s"))
                    .Add("cpu", string.Create(inv, $"{cpu.TotalSeconds:F2} s ({cpu.TotalSeconds / first.Elapsed.TotalSeconds:F2} cores busy on average; load average before the run {load})"))
                    .Add("peak memory", string.Create(inv, $"{peak / 1048576.0:F0} MB (VmHWM, whole process, after the first import)"))
                    .Add("again", string.Create(inv, $"{again.Elapsed.TotalSeconds:F2} s, {again.Statistics.Events:N0} events, {again.Statistics.EntitiesCreated:N0} new entities"))
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
}
