namespace Names.Host.Cli;

/// <summary>Exit codes shared by every command.</summary>
public static class CliExitCodes
{
    public const int Done = 0;
    /// <summary>Input unreadable or output unwritable.</summary>
    public const int IoError = 1;
    /// <summary>Usage error (bad option, missing column ...), with a helpful message.</summary>
    public const int Usage = 2;
    /// <summary>
    /// Stopped on request (Ctrl-C / SIGINT, SIGTERM). `names resolve` first commits the current batch: running the same
    /// command again resumes the run.
    /// </summary>
    public const int Cancelled = 130;
}

/// <summary>The user asked for something that cannot work; the message says what to do instead. Exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>An input cannot be read or an output cannot be written. Exit code 1.</summary>
public sealed class CliIoException(string message, Exception? inner = null) : Exception(message, inner);
