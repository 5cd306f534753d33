using System.CommandLine;

namespace Names.Host.Cli;

/// <summary>The `names` command line: one file per command, all registered here.</summary>
public static class NamesCli
{
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("Names: clean applicant, owner and inventor names and resolve them to persistent global identifiers.");
        root.Options.Add(NamesConfiguration.CreateConfigOption());
        // Commands register here, one line each.
        root.Subcommands.Add(CleanCommand.Create(console));
        root.Subcommands.Add(SynthCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        root.Subcommands.Add(ResolveCommand.Create(console));
        root.Subcommands.Add(EvalCommand.Create(console));
        root.Subcommands.Add(EvalPairsCommand.Create(console));
        root.Subcommands.Add(TrainCommand.Create(console));
        root.Subcommands.Add(ReviewCommand.Create(console));
        root.Subcommands.Add(ExportCommand.Create(console));
        root.Subcommands.Add(VerifyCommand.Create(console));
        root.Subcommands.Add(IndexCommand.Create(console));
        root.Subcommands.Add(ServeCommand.Create(console));
        root.Subcommands.Add(KeysCommand.Create(console));
        root.Subcommands.Add(EraseCommand.Create(console));
        root.Subcommands.Add(AuditCommand.Create(console));
        root.Subcommands.Add(ImportCommand.Create(console));
        return root;
    }

    /// <summary>Parses and runs; usage errors (unknown option, missing argument ...) exit with 2 and a hint.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole? console = null, CancellationToken cancellationToken = default)
    {
        console ??= CliConsole.FromProcess();
        var parse = Build(console).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await console.Error.WriteLineAsync($"names: {error.Message}");
            var commandName = parse.CommandResult.Command is RootCommand ? "" : parse.CommandResult.Command.Name + " ";
            await console.Error.WriteLineAsync($"Run 'names {commandName}--help' for usage.");
            return CliExitCodes.Usage;
        }
        // Settings are read once here so that a malformed file or an unknown setting is reported before any work starts.
        try
        {
            foreach (var unknown in NamesConfiguration.Load(parse).UnknownSettings())
                await console.Error.WriteLineAsync($"names: warning: {unknown} (ignored; the settings are listed by 'names serve --help')");
        }
        catch (CliIoException e)
        {
            await console.Error.WriteLineAsync("names: " + e.Message);
            return CliExitCodes.IoError;
        }
        // Signals are handled by Program (a clean stop through the token); no forced exit after a timeout.
        return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, ProcessTerminationTimeout = null }, cancellationToken);
    }
}
