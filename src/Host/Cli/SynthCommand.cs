using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Names.Host.Synthesis;

namespace Names.Host.Cli;

/// <summary><c>names synth</c>: realistic generated name records with their true entity ids.</summary>
public static class SynthCommand
{
    public static Command Create(CliConsole console)
    {
        var rows = new Option<long>("--rows") { Description = "number of records to generate", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "seed: the same seed gives the same file", DefaultValueFactory = _ => 1 };
        var output = CommonOptions.Out();
        var command = new Command("synth", "Generate realistic applicant/inventor name records (record_id,name,country,kind,entity_id) " +
                                           "across 22 countries and 8 scripts, with the variants real data has.")
        {
            rows, seed, output,
        };
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "synth", async () =>
        {
            var n = parse.GetValue(rows);
            if (n < 0) throw new CliUsageException("--rows must be zero or more");
            var stopwatch = Stopwatch.StartNew();
            using (var writer = OutputFile.Open(parse.GetValue(output)!, console))
            {
                try { await SyntheticCsvWriter.WriteAsync(writer, n, parse.GetValue(seed), ct); }
                catch (IOException e) { throw new CliIoException($"cannot write output: {e.Message}", e); }
            }
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"names synth: {n:N0} rows in {stopwatch.Elapsed.TotalSeconds:F2} s"));
            return CliExitCodes.Done;
        }));
        return command;
    }
}
