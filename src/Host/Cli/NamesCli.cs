using System.CommandLine;

namespace Names.Host.Cli;

/// <summary>The `names` command line: one file per command, all registered here.</summary>
public static class NamesCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Names: clean applicant, owner and inventor names and resolve them to persistent global identifiers.");
        // Commands register here, one line each.
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(new Command("bench", "Measure speed and memory.") { Names.Host.Service.Benchmarks.LookupBenchCommand.Create() }); // on merge: bench.Subcommands.Add(LookupBenchCommand.Create()) in BenchCommand
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        return await parse.InvokeAsync();
    }
}
