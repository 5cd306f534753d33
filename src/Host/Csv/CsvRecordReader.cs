using System.Text;
using CsvHelper;

namespace Names.Host.Csv;

/// <summary>
/// Reads a CSV input (comma, double quote; LF, CRLF or a lone CR end a line) record by record with CsvHelper's reader,
/// and never gives up on a bad line. The first record is the header; each later record must have as many fields. A
/// record that fails (wrong field count, NUL, unbalanced quote, text after a closing quote, field too long) is reported
/// as a reject of its FIRST physical line only, and reading starts again on the next line: an unbalanced quote thus
/// costs one line, not the rest of the file. A quote inside an unquoted field is kept as a literal character (common in
/// real name data: <c>ACME "BEST" INC</c>).
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private readonly CsvReplayInput _input;
    private readonly CsvReaderLimits _limits;
    private readonly CsvReaderOptions _options;
    private CsvReader _csv;
    private long _base;       // input position where _csv started reading
    private long _nextStart;  // input position of the record after the last one read
    private long _line = 1;

    public CsvRecordReader(CsvCharSource source, CsvReaderLimits? limits = null)
    {
        Source = source;
        _limits = limits ?? new CsvReaderLimits();
        _input = new CsvReplayInput(source);
        _options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            SkipEmptyLines = false,
            DetectSeparatorHint = false,
            MaxRecordSize = _limits.MaxFieldLength,
            // country and kind columns repeat: one string per distinct value, not one per row
            PoolStrings = true,
        };
        _csv = CsvReader.Create(_input, _options, leaveOpen: true);
    }

    public CsvCharSource Source { get; }

    /// <summary>Header fields, or null when the input is empty. Throws <see cref="InvalidDataException"/> when the
    /// first line is empty or cannot be read as a header.</summary>
    public string[]? ReadHeader()
    {
        var kind = ReadNext(-1, out var record, out var reject);
        if (kind == CsvReadKind.End) return null;
        if (kind == CsvReadKind.Reject) throw new InvalidDataException($"the header (line 1) cannot be read: {reject.Reason}");
        if (record.Fields is [{ Length: 0 }]) throw new InvalidDataException("the header (line 1) is empty: the first line must name the columns");
        return record.Fields;
    }

    /// <summary>Reads the next record with <paramref name="expectedFields"/> fields (any count when negative).</summary>
    public CsvReadKind ReadNext(int expectedFields, out CsvRecord record, out CsvReject reject)
    {
        record = default;
        var kind = ReadNextFields(expectedFields, out var line, out reject);
        if (kind != CsvReadKind.Record) return kind;
        var fields = new string[FieldCount];
        for (var i = 0; i < fields.Length; i++) fields[i] = FieldText(i);
        record = new CsvRecord(line, fields);
        return kind;
    }

    /// <summary>
    /// Like <see cref="ReadNext"/>, but the record's fields stay in the reader: read them with <see cref="FieldCount"/>,
    /// <see cref="FieldText"/>, <see cref="FieldUtf8"/> and <see cref="TryGetPlainRecord"/> before the next read. For
    /// callers that need only some fields as strings (one string per field per row is most of a bulk run's garbage).
    /// </summary>
    public CsvReadKind ReadNextFields(int expectedFields, out long line, out CsvReject reject)
    {
        line = 0;
        reject = default;
        bool more;
        try
        {
            more = _csv.Read();
        }
        catch (CsvFormatException)
        {
            // the only error the options leave to throw: a record still growing past MaxRecordSize
            reject = SkipOverlongRecord();
            return CsvReadKind.Reject;
        }
        if (!more) return CsvReadKind.End;

        var raw = _csv.RawRecord;
        var start = _base + _csv.ByteOffset;
        _input.KeepFrom(start);
        var error = Problem(raw, expectedFields);
        if (error is null)
        {
            line = _line;
            _line += raw.Count((byte)'\n') + 1;
            _nextStart = After(start + raw.Length);
            return CsvReadKind.Record;
        }
        // An unclosed quote at the end of input keeps the last line end inside the record: that is still one line.
        var firstNl = raw.IndexOf((byte)'\n');
        var multiLine = firstNl >= 0 && firstNl < raw.Length - 1;
        if (multiLine && !error.StartsWith("unbalanced quote", StringComparison.Ordinal))
            error = $"unbalanced quote: a quoted field runs past this line ({error})";
        reject = new CsvReject(_line, error, RawText(firstNl >= 0 ? raw[..firstNl] : raw));
        _line++;
        if (multiLine) Restart(start + firstNl + 1);
        else _nextStart = After(start + raw.Length);
        return CsvReadKind.Reject;
    }

    /// <summary>Fields of the record last read by <see cref="ReadNextFields"/>.</summary>
    public int FieldCount => _csv.FieldCount;

    /// <summary>Field <paramref name="index"/> of the record last read by <see cref="ReadNextFields"/>, unquoted.</summary>
    public string FieldText(int index) => _csv.GetString(index);

    /// <summary>Field <paramref name="index"/> of the record last read, unquoted, as UTF-8; valid until the next read.</summary>
    public ReadOnlySpan<byte> FieldUtf8(int index) => _csv.GetSpan(index);

    /// <summary>The record last read by <see cref="ReadNextFields"/> as UTF-8, when that is exactly what a CSV writer
    /// writes field by field: no quote anywhere (unquoted fields hold no comma or line break). Valid until the next read.</summary>
    public bool TryGetPlainRecord(out ReadOnlySpan<byte> utf8)
    {
        utf8 = _csv.RawRecord;
        return !utf8.Contains((byte)'"');
    }

    /// <summary>Fields of the record last read that a spreadsheet would run as a formula (<see cref="CsvRowWriter.StartsLikeFormula"/>).</summary>
    public int FormulaFields()
    {
        if (_csv.RawRecord.IndexOfAny(CsvRowWriter.FormulaStarts) < 0) return 0;
        var n = 0;
        for (var i = 0; i < _csv.FieldCount; i++)
            if (_csv.GetSpan(i) is [var first, ..] && CsvRowWriter.StartsLikeFormula((char)first)) n++;
        return n;
    }

    /// <summary>Why the record just read cannot be taken, or null. Problems are looked for in field order, as a reader
    /// going left to right meets them.</summary>
    private string? Problem(ReadOnlySpan<byte> raw, int expectedFields)
    {
        var count = _csv.FieldCount;
        if (raw.Length > _limits.MaxFieldLength || raw.Contains((byte)'"'))
        {
            for (var i = 0; i < count; i++)
            {
                var field = _csv.GetRawSpan(i);
                if (field is [(byte)'"', ..] && QuoteProblem(field) is { } quote) return quote;
                if (field.Length > _limits.MaxFieldLength) return $"field longer than {_limits.MaxFieldLength} characters";
            }
        }
        if (raw.Contains((byte)0)) return "NUL character";
        if (expectedFields >= 0 && count != expectedFields)
            return count == 1 && raw.IsEmpty ? "empty line" : $"wrong field count: expected {expectedFields}, found {count}";
        return null;
    }

    /// <summary>A quoted field as it is in the input must end with its closing quote; CsvHelper recovers from both
    /// problems (runs to the end of input, appends the text), which would take the wrong value or the rest of the file.</summary>
    private static string? QuoteProblem(ReadOnlySpan<byte> field)
    {
        var p = 1;
        while (true)
        {
            var q = field[p..].IndexOf((byte)'"');
            if (q < 0) return "unbalanced quote (quoted field not closed)";
            q += p;
            if (q + 1 < field.Length && field[q + 1] == '"') { p = q + 2; continue; }
            return q == field.Length - 1 ? null : "unexpected character after closing quote";
        }
    }

    /// <summary>Position after the line end (LF or CRLF) at <paramref name="position"/>, if there is one.</summary>
    private long After(long position)
    {
        var rest = _input.KeptFrom(position);
        return position + (rest.StartsWith("\r\n"u8) ? 2 : rest.StartsWith("\n"u8) ? 1 : 0);
    }

    /// <summary>A record still growing past the limit: its first line is rejected (cut), and reading starts again
    /// after it; a line longer than the limit is read through without being kept.</summary>
    private CsvReject SkipOverlongRecord()
    {
        var from = _nextStart;
        var kept = _input.KeptFrom(from);
        var window = kept[..Math.Min(kept.Length, _limits.MaxFieldLength + 2)];
        var nl = window.IndexOf((byte)'\n');
        CsvReject reject;
        long resume;
        if (nl >= 0)
        {
            reject = new CsvReject(_line, "unbalanced quote (quoted field not closed)", RawText(window[..nl]));
            resume = from + nl + 1;
        }
        else
        {
            reject = new CsvReject(_line, $"line longer than {_limits.MaxFieldLength} characters", RawText(window));
            resume = _input.SkipLine(from);
        }
        _line++;
        Restart(resume);
        return reject;
    }

    /// <summary>A new CsvHelper reader from <paramref name="position"/>: the old one has read (and judged) past it.</summary>
    private void Restart(long position)
    {
        _csv.Dispose();
        _input.Rewind(position);
        _base = position;
        _nextStart = position;
        _csv = CsvReader.Create(_input, _options, leaveOpen: true);
    }

    /// <summary>A rejected line as text: without its line end, NUL shown as U+2400, cut at MaxRawLength characters.</summary>
    private string RawText(ReadOnlySpan<byte> line)
    {
        if (line.EndsWith("\r"u8)) line = line[..^1];
        if (line.Length > _limits.MaxRawLength * 4) line = line[..(_limits.MaxRawLength * 4)];
        var s = Encoding.UTF8.GetString(line);
        if (s.Length > _limits.MaxRawLength) s = s[.._limits.MaxRawLength];
        return s.Contains('\0') ? s.Replace('\0', '\u2400') : s;
    }

    public void Dispose()
    {
        _csv.Dispose();
        _input.Dispose();
    }
}

public enum CsvReadKind { Record, Reject, End }
