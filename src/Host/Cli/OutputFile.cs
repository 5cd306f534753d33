using System.Text;

namespace Names.Host.Cli;

/// <summary>Opens a command's text output: a file, or <c>-</c> for standard output. UTF-8 without BOM, large buffer.</summary>
public static class OutputFile
{
    public static TextWriter Open(string path, CliConsole console) =>
        new StreamWriter(OpenStream(path, console), new UTF8Encoding(false), 1 << 20);

    /// <summary>The output as bytes, for a command that writes UTF-8 itself.</summary>
    public static Stream OpenStream(string path, CliConsole console)
    {
        try
        {
            return path == "-" ? console.OpenStdout()
                : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliIoException($"cannot write output '{path}': {e.Message}", e);
        }
    }
}
