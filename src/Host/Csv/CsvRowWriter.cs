using System.Buffers;
using System.Text;
using CsvHelper;

namespace Names.Host.Csv;

/// <summary>
/// Writes CSV rows with CsvHelper's writer: RFC 4180, comma, LF line ends, a field quoted only when it holds a comma, a
/// quote or a line break. It counts the text fields that start like a spreadsheet formula (<see cref="StartsLikeFormula"/>);
/// with <c>protectFormulas</c> CsvHelper writes them quoted behind a <c>'</c>, which a spreadsheet shows as text instead
/// of running them.
/// </summary>
public sealed class CsvRowWriter : IDisposable
{
    private readonly CsvWriter _writer;
    private readonly MemoryStream? _memory;
    private char[] _joined = [];  // JoinedField's value

    private CsvRowWriter(CsvWriter writer, MemoryStream? memory)
    {
        _writer = writer;
        _memory = memory;
    }

    /// <summary>Text fields written so far that start like a formula (protected or not).</summary>
    public long FormulaFields { get; private set; }

    /// <summary>The input line of the row being written, set by the caller, so the first formula can be pointed at.</summary>
    public long Line { get; set; }

    /// <summary><see cref="Line"/> when the first formula field was written (0: none yet).</summary>
    public long FirstFormulaLine { get; private set; }

    /// <summary>CsvHelper's injection characters (OWASP's list): = + - @, tab and CR.</summary>
    public static bool StartsLikeFormula(char first) => first is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The bytes of <see cref="StartsLikeFormula"/>'s characters.</summary>
    public static readonly SearchValues<byte> FormulaStarts = SearchValues.Create("=+-@\t\r"u8);

    /// <summary>Rows written to <paramref name="text"/> (left open).</summary>
    public static CsvRowWriter To(TextWriter text, bool protectFormulas) =>
        new(CsvWriter.Create(text, Options(protectFormulas), leaveOpen: true), null);

    /// <summary>Rows kept in memory until <see cref="MoveTo"/>.</summary>
    public static CsvRowWriter InMemory(bool protectFormulas)
    {
        var memory = new MemoryStream();
        return new CsvRowWriter(CsvWriter.Create(memory, Options(protectFormulas), leaveOpen: true), memory);
    }

    private static CsvWriterOptions Options(bool protectFormulas) => CsvWriterOptions.Default with
    {
        NewLine = "\n",
        ValidateFieldCount = false,
        Injection = protectFormulas ? CsvInjection.Escape : CsvInjection.None,
    };

    public void Field(ReadOnlySpan<char> value)
    {
        if (value.Length > 0 && StartsLikeFormula(value[0])) CountFormula();
        _writer.WriteField(value);
    }

    public void Field(string? value) => Field(value.AsSpan());

    /// <summary>One field holding <paramref name="values"/> joined by <paramref name="separator"/>, without a string for it.</summary>
    public void JoinedField(char separator, IReadOnlyList<string> values)
    {
        var length = Math.Max(0, values.Count - 1);
        foreach (var v in values) length += v.Length;
        if (_joined.Length < length) _joined = new char[Math.Max(length, 2 * _joined.Length)];
        var at = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) _joined[at++] = separator;
            values[i].CopyTo(_joined.AsSpan(at));
            at += values[i].Length;
        }
        Field(_joined.AsSpan(0, at));
    }

    /// <summary>A field from its UTF-8 text (as a CSV reader hands it out).</summary>
    public void Field(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 0 && StartsLikeFormula((char)utf8[0])) CountFormula();
        _writer.WriteField(utf8);
    }

    /// <summary>A number: never a formula, never protected.</summary>
    public void Field(long value) => _writer.WriteField(value, ReadOnlySpan<char>.Empty);

    private void CountFormula()
    {
        if (FormulaFields++ == 0) FirstFormulaLine = Line;
    }

    public void EndRow() => _writer.EndRecord();

    public async ValueTask EndRowAsync(CancellationToken ct) => await _writer.EndRecordAsync(ct);

    public void Row(IEnumerable<string> fields)
    {
        foreach (var f in fields) Field(f);
        EndRow();
    }

    /// <summary>Appends the rows written since the last call to <paramref name="output"/>, as UTF-8 (in-memory writer
    /// only); without the last row's line end when <paramref name="lastLineEnd"/> is false.</summary>
    public void MoveTo(ArrayBufferWriter<byte> output, bool lastLineEnd = true)
    {
        if (_memory is null) throw new InvalidOperationException("not an in-memory writer");
        _writer.Flush();
        output.Append(_memory.GetBuffer().AsSpan(0, (int)_memory.Length - (lastLineEnd ? 0 : 1)));
        _memory.SetLength(0);
    }

    public void Flush() => _writer.Flush();

    public async Task FlushAsync(CancellationToken ct) => await _writer.FlushAsync(ct);

    /// <summary>One row as CSV text, without its line end (for a message or a reject's raw text).</summary>
    public static string RowText(IEnumerable<string> fields)
    {
        using var writer = InMemory(protectFormulas: false);
        writer.Row(fields);
        var utf8 = new ArrayBufferWriter<byte>();
        writer.MoveTo(utf8, lastLineEnd: false);
        return Encoding.UTF8.GetString(utf8.WrittenSpan);
    }

    public void Dispose() => _writer.Dispose();
}
