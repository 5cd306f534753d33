using System.Text;

namespace Names.Host.Cli;

/// <summary>
/// A command's output file written as <c>FILE.partial</c> and renamed to FILE only once complete, so a run that is killed
/// or stopped never leaves a truncated FILE that looks finished. <c>-</c> writes to standard output directly, and so
/// does a device or process file (<c>/dev/null</c>, <c>/dev/stdout</c>, <c>/dev/fd/N</c>, see <see cref="IsStaged"/>).
/// </summary>
public sealed class StagedOutputFile : IDisposable
{
    private readonly string? _path;
    private bool _committed;

    private StagedOutputFile(string? path, TextWriter writer)
    {
        _path = path;
        Writer = writer;
    }

    public TextWriter Writer { get; }

    public static string PartialPath(string path) => path + ".partial";

    public static StagedOutputFile Open(string path, CliConsole console) => !IsStaged(path)
        ? new StagedOutputFile(null, OutputFile.Open(path, console))
        : new StagedOutputFile(path, OutputFile.Open(PartialPath(path), console));

    /// <summary>
    /// False for <c>-</c> and for paths that lead (through links) into /dev or /proc, or to something that is not a
    /// path at all (a pipe behind /dev/fd/N): renaming a finished file over <c>/dev/null</c> would replace the device
    /// with a regular file (as root) or fail after the whole run (as anyone else).
    /// </summary>
    public static bool IsStaged(string path)
    {
        if (path == "-") return false;
        string target;
        try
        {
            var full = System.IO.Path.GetFullPath(path);
            target = File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full : full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return true; // opening it will say what is wrong
        }
        return !(target.StartsWith("/dev/", StringComparison.Ordinal) || target.StartsWith("/proc/", StringComparison.Ordinal)
                 || !System.IO.Path.IsPathRooted(target) || target.Contains(":[", StringComparison.Ordinal));
    }

    /// <summary>Flushes and puts the file in place (replacing an older one).</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await Writer.FlushAsync(ct);
        if (_path is null) return;
        await Writer.DisposeAsync();
        PutInPlace(_path);
        _committed = true;
    }

    /// <summary>Renames the finished <c>PATH.partial</c> to <paramref name="path"/>, replacing an older file.</summary>
    public static void PutInPlace(string path)
    {
        try
        {
            File.Move(PartialPath(path), path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliIoException($"cannot write output '{path}': {e.Message}", e);
        }
    }

    /// <summary>An uncommitted file is removed: the next run writes it again from the first row.</summary>
    public void Dispose()
    {
        Writer.Dispose();
        if (_path is not null && !_committed) File.Delete(PartialPath(_path));
    }
}
