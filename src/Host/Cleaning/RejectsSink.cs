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
    private TextWriter? _text;
    private CsvRowWriter? _writer;
    private long _count;

    private readonly bool _staged;
    private readonly bool _protectFormulas;
    private bool _committed;

    public RejectsSink(string path, Func<TextWriter> open, bool staged = false, bool protectFormulas = false)
    {
        Path = path;
        _open = open;
        _staged = staged;
        _protectFormulas = protectFormulas;
    }

    /// <summary>Where rejects go (a file path, or <c>-</c> for stderr).</summary>
    public string Path { get; }
    public long Count => Interlocked.Read(ref _count);

    /// <summary>
    /// The sink for <paramref name="path"/>; <paramref name="staged"/>: written as <c>PATH.partial</c> and put in place by
    /// <see cref="Commit"/> (a killed run leaves no truncated rejects file).
    /// </summary>
    public static RejectsSink ForPath(string path, CliConsole console, bool staged = false, bool protectFormulas = false)
    {
        staged &= StagedOutputFile.IsStaged(path);
        return path == "-"
        ? new RejectsSink("-", () => console.Error, protectFormulas: protectFormulas)
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
        }, staged, protectFormulas);
    }

    /// <summary>Closes a staged rejects file and puts it in place; nothing to do when there was no reject.</summary>
    public void Commit()
    {
        lock (_gate)
        {
            if (_writer is null || !_staged) return;
            _writer.Dispose();
            _text!.Dispose();
            _writer = null;
            StagedOutputFile.PutInPlace(Path);
            _committed = true;
        }
    }

    public void Add(CsvReject reject)
    {
        lock (_gate)
        {
            if (_writer == null)
            {
                _text = _open();
                _writer = CsvRowWriter.To(_text, _protectFormulas);
                _writer.Row(["line", "reason", "raw"]);
            }
            _writer.Field(reject.Line);
            _writer.Field(reject.Reason);
            _writer.Field(reject.Raw);
            _writer.EndRow();
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
            _writer.Dispose(); // flushes into the text writer, left open
            if (Path != "-") _text!.Dispose();
            _writer = null;
            if (_staged && !_committed) File.Delete(StagedOutputFile.PartialPath(Path));
        }
    }
}
