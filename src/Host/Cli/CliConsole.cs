namespace Names.Host.Cli;

/// <summary>
/// The process's standard streams as the commands see them, so that tests can run the CLI in-process with their own
/// streams. <see cref="Out"/> is for text (help, tables); <see cref="OpenStdout"/> for data written to <c>-</c>.
/// </summary>
public sealed class CliConsole
{
    public required Func<Stream> OpenStdin { get; init; }
    public required Func<Stream> OpenStdout { get; init; }
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    /// <summary>True when stderr is a terminal: only then are progress bars drawn.</summary>
    public bool ErrorIsTerminal { get; init; }

    public static CliConsole FromProcess() => new()
    {
        OpenStdin = Console.OpenStandardInput,
        OpenStdout = Console.OpenStandardOutput,
        Out = Console.Out,
        Error = Console.Error,
        ErrorIsTerminal = !Console.IsErrorRedirected,
    };
}
