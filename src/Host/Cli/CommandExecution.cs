using Names.Host.Csv;

namespace Names.Host.Cli;

/// <summary>Runs a command body and turns the failures every command shares into exit codes and one-line messages.</summary>
public static class CommandExecution
{
    public static async Task<int> RunAsync(CliConsole console, string commandName, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is CliUsageException or CsvColumnNotFoundException or CsvColumnAmbiguousException)
        {
            await console.Error.WriteLineAsync($"names {commandName}: {e.Message}");
            await console.Error.WriteLineAsync($"Run 'names {commandName} --help' for usage.");
            return CliExitCodes.Usage;
        }
        catch (Exception e) when (e is CliIoException or CsvInputUnreadableException or InvalidDataException)
        {
            await console.Error.WriteLineAsync($"names {commandName}: {e.Message}");
            return CliExitCodes.IoError;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync($"names {commandName}: cancelled");
            return CliExitCodes.Cancelled;
        }
    }
}
