using System.Text;
using Names.Host.Cli;
using Names.Host.Csv;

namespace Names.Host.Cleaning;

/// <summary>
/// The rejects CSV (<c>line,reason,raw</c>). The file is created on the first reject only, so a clean run leaves no
/// empty file behind. Thread-safe: the reader and the normalisation workers both report.
/// </summary>
public sealed class RejectsSink : IDisposable
{
    private readonly Func<TextWriter> _open;
    private readonly object _gate = new();
    private TextWriter? _writer;
    private long _count;

    private readonly bool _staged;
    private bool _committed;

    public RejectsSink(string path, Func<TextWriter> open, bool staged = false)
    {
        Path = path;
        _open = open;
        _staged = staged;
    }

    /// <summary>Where rejects go (a file path, or <c>-</c> for stderr).</summary>
    public string Path { get; }
    public long Count => Interlocked.Read(ref _count);

    /// <summary>
    /// The sink for <paramref name="path"/>; <paramref name="staged"/>: written as <c>PATH.partial</c> and put in place by
    /// <see cref="Commit"/> (a killed run leaves no truncated rejects file).
    /// </summary>
    public static RejectsSink ForPath(string path, CliConsole console, bool staged = false)
    {
        staged &= StagedOutputFile.IsStaged(path);
        return path == "-"
        ? new RejectsSink("-", () => console.Error)
        : new RejectsSink(path, () =>
        {
            try
            {
                return new StreamWriter(staged ? StagedOutputFile.PartialPath(path) : path, false, new UTF8Encoding(false), 1 << 16);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new CliIoException($"cannot write rejects file '{path}': {e.Message} (choose another with --rejects)", e);
            }
        }, staged);
    }

    /// <summary>Closes a staged rejects file and puts it in place; nothing to do when there was no reject.</summary>
    public void Commit()
    {
        lock (_gate)
        {
            if (_writer is null || !_staged) return;
            _writer.Dispose();
            _writer = null;
            StagedOutputFile.PutInPlace(Path);
            _committed = true;
        }
    }

    public void Add(CsvReject reject)
    {
        var sb = new StringBuilder(reject.Raw.Length + reject.Reason.Length + 24);
        CsvFieldWriter.AppendField(sb, reject.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), true);
        CsvFieldWriter.AppendField(sb, reject.Reason, false);
        CsvFieldWriter.AppendField(sb, reject.Raw, false);
        sb.Append('\n');
        lock (_gate)
        {
            if (_writer == null)
            {
                _writer = _open();
                _writer.Write("line,reason,raw\n");
            }
            _writer.Write(sb);
            _count++;
        }
    }

    public void Flush()
    {
        lock (_gate) _writer?.Flush();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_writer == null) return;
            if (Path == "-") _writer.Flush(); else _writer.Dispose();
            _writer = null;
            if (_staged && !_committed) File.Delete(StagedOutputFile.PartialPath(Path));
        }
    }
}
