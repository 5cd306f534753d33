namespace Names.Host.Csv;

/// <summary>
/// Opens a CSV input named on the command line: a file path, or <c>-</c> for standard input. Length is known for
/// files (progress, ETA) and null for stdin.
/// </summary>
public sealed class CsvInputFile
{
    public required string DisplayName { get; init; }
    public long? Length { get; init; }
    public required Stream Stream { get; init; }

    /// <summary>Throws <see cref="CsvInputUnreadableException"/> when the file cannot be opened.</summary>
    public static CsvInputFile Open(string path, Func<Stream> stdin)
    {
        if (path == "-") return new CsvInputFile { DisplayName = "stdin", Stream = stdin() };
        try
        {
            var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return new CsvInputFile { DisplayName = path, Length = fs.Length, Stream = fs };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CsvInputUnreadableException($"cannot read input '{path}': {e.Message}", e);
        }
    }
}

public sealed class CsvInputUnreadableException(string message, Exception? inner = null) : Exception(message, inner);
