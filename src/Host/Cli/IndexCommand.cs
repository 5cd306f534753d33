using System.CommandLine;
using System.Globalization;
using Names.Resolver.Candidates;

namespace Names.Host.Cli;

/// <summary><c>names index rebuild</c>: builds the candidate index of a registry afresh from its variants.</summary>
public static class IndexCommand
{
    public static Command Create(CliConsole console)
    {
        var registry = new RegistryOptions();
        var rebuild = new Command("rebuild", "Build the registry's candidate index afresh from its variants (runs build or catch it up on their own; " +
                                             "this starts over). Exit codes: 0 done, 1 registry or index directory unusable.");
        registry.AddTo(rebuild);
        rebuild.SetAction((parse, ct) => CommandExecution.RunAsync(console, "index rebuild", async () =>
        {
            var location = registry.Bind(parse);
            if (location.IndexDirectory is not { } path) throw new CliUsageException("a PostgreSQL registry's index lives where --index-dir says: give it");
            await using var store = await location.OpenAsync(mustExist: true, ct);
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliIoException($"candidate index directory '{path}' cannot be removed: {e.Message}", e);
            }
            using var index = await location.OpenIndexAsync(store, _ => { }, ct);
            var added = await CandidateIndexFolder.CatchUpAsync(store, index!, ct);
            new CliSummary("names index rebuild: done")
                .Add("registry", location.ToString())
                .Add("index", path)
                .Add("variants", added.ToString("N0", CultureInfo.InvariantCulture))
                .WriteTo(console.Out);
            return CliExitCodes.Done;
        }));
        var command = new Command("index", "The registry's candidate index (derived state: see `names index rebuild`).");
        command.Subcommands.Add(rebuild);
        return command;
    }
}
