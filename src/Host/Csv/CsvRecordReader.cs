using System.Buffers;

namespace Names.Host.Csv;

/// <summary>
/// Streaming RFC 4180 reader (comma, double quote; LF, CRLF or a lone CR end a line) that never gives up on a bad line. The first record is
/// the header; each later record must have as many fields. A record that fails (wrong field count, NUL, unbalanced
/// quote, field too long) is reported as a reject of its FIRST physical line only, and reading resumes on the next
/// line: an unbalanced quote thus costs one line, not the rest of the file. A quote inside an unquoted field is
/// kept as a literal character (common in real name data: <c>ACME "BEST" INC</c>).
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private static readonly SearchValues<char> FieldEnd = SearchValues.Create(",\n");

    private readonly CsvCharSource _source;
    private readonly CsvReaderLimits _limits;
    private char[] _buf = new char[1 << 16];
    private int _start, _end;
    private bool _eof;
    private long _line = 1;
    private readonly List<(int Start, int Length, bool Quoted)> _spans = new();

    public CsvRecordReader(CsvCharSource source, CsvReaderLimits? limits = null)
    {
        _source = source;
        _limits = limits ?? new CsvReaderLimits();
    }

    public CsvCharSource Source => _source;

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
    /// Like <see cref="ReadNext"/>, but the record's fields stay in the reader's buffer: read them with
    /// <see cref="FieldCount"/>, <see cref="FieldText"/> and <see cref="AppendField"/> before the next read. For callers
    /// that need only some fields as strings (one string per field per row is most of a bulk run's garbage).
    /// </summary>
    public CsvReadKind ReadNextFields(int expectedFields, out long line, out CsvReject reject)
    {
        line = 0;
        reject = default;
        while (true)
        {
            var outcome = TryParse(out var recordEnd, out var error);
            if (outcome == ParseOutcome.NeedMore)
            {
                if (!Fill()) continue;
                // Buffer full and still no end: the record (a quote that never closes, or one huge line) is too long.
                var nl = Array.IndexOf(_buf, '\n', _start, _end - _start);
                if (nl >= 0) { reject = RejectFirstLine(nl, "unbalanced quote (quoted field not closed)"); return CsvReadKind.Reject; }
                reject = SkipOverlongLine();
                return CsvReadKind.Reject;
            }
            if (outcome == ParseOutcome.End) return CsvReadKind.End;

            var text = _buf.AsSpan(_start, recordEnd - _start);
            var firstNl = text.IndexOf('\n');
            var multiLine = firstNl >= 0 && firstNl < text.Length - 1;
            if (error == null && text.Contains('\0')) error = "NUL character";
            if (error == null && expectedFields >= 0 && _spans.Count != expectedFields)
                error = _spans.Count == 1 && TrimNewline(text).IsEmpty
                    ? "empty line"
                    : $"wrong field count: expected {expectedFields}, found {_spans.Count}";
            if (error != null)
            {
                if (multiLine && !error.StartsWith("unbalanced quote", StringComparison.Ordinal))
                    error = $"unbalanced quote: a quoted field runs past this line ({error})";
                reject = firstNl >= 0 ? RejectFirstLine(_start + firstNl, error) : RejectFirstLine(recordEnd, error);
                return CsvReadKind.Reject;
            }

            // the field spans stay valid until the next read: only Fill moves the buffer
            line = _line;
            _line += text.Count('\n');
            _start = recordEnd;
            return CsvReadKind.Record;
        }
    }

    /// <summary>Fields of the record last read by <see cref="ReadNextFields"/>.</summary>
    public int FieldCount => _spans.Count;

    /// <summary>Field <paramref name="index"/> of the record last read by <see cref="ReadNextFields"/>, unquoted.</summary>
    public string FieldText(int index) =>
        TryGetPlainField(index, out var plain) ? plain.ToString() : _buf.AsSpan(_spans[index].Start, _spans[index].Length).ToString().Replace("\"\"", "\"");

    /// <summary>Field <paramref name="index"/> of the record last read by <see cref="ReadNextFields"/> as it is in the
    /// buffer, when that is its value (no doubled quote to undo); valid until the next read.</summary>
    public bool TryGetPlainField(int index, out ReadOnlySpan<char> value)
    {
        var (s, len, quoted) = _spans[index];
        value = _buf.AsSpan(s, len);
        return !quoted || !value.Contains('"');
    }

    /// <summary>The record last read by <see cref="ReadNextFields"/>, from its first field's start to its last field's
    /// end, when that is exactly what <see cref="AppendField"/> would write field by field: no field quoted and no quote
    /// anywhere (unquoted fields hold no comma or line break). Valid until the next read.</summary>
    public bool TryGetPlainRecord(out ReadOnlySpan<char> text)
    {
        text = default;
        foreach (var span in _spans) if (span.Quoted) return false;
        var (first, _, _) = _spans[0];
        var (last, lastLength, _) = _spans[^1];
        text = _buf.AsSpan(first, last + lastLength - first);
        return !text.Contains('"');
    }

    /// <summary>Field <paramref name="index"/> of the record last read by <see cref="ReadNextFields"/> as
    /// <see cref="CsvFieldWriter.AppendField"/> writes its value, without a string for it.</summary>
    public void AppendField(System.Text.StringBuilder sb, int index, bool first)
    {
        if (TryGetPlainField(index, out var plain)) CsvFieldWriter.AppendField(sb, plain, first);
        else CsvFieldWriter.AppendField(sb, FieldText(index), first);
    }

    private enum ParseOutcome { Done, NeedMore, End }

    /// <summary>Parses one record from <see cref="_start"/>; recordEnd is just past its '\n' (or at end of input).</summary>
    private ParseOutcome TryParse(out int recordEnd, out string? error)
    {
        _spans.Clear();
        error = null;
        recordEnd = 0;
        var pos = _start;
        if (pos >= _end) return _eof ? ParseOutcome.End : ParseOutcome.NeedMore;
        while (true)
        {
            if (pos < _end && _buf[pos] == '"')
            {
                var contentStart = pos + 1;
                var p = contentStart;
                while (true)
                {
                    var q = p < _end ? Array.IndexOf(_buf, '"', p, _end - p) : -1;
                    if (q < 0) return Incomplete(out recordEnd, ref error);
                    if (q + 1 >= _end && !_eof) return ParseOutcome.NeedMore;
                    if (q + 1 < _end && _buf[q + 1] == '"') { p = q + 2; continue; }
                    AddSpan(contentStart, q - contentStart, true, ref error);
                    pos = q + 1;
                    break;
                }
                if (pos >= _end) { recordEnd = pos; return ParseOutcome.Done; } // end of input
                var c = _buf[pos];
                if (c == ',') { pos++; continue; }
                if (c == '\n') { recordEnd = pos + 1; return ParseOutcome.Done; }
                if (c == '\r' && pos + 1 < _end && _buf[pos + 1] == '\n') { recordEnd = pos + 2; return ParseOutcome.Done; }
                if (c == '\r' && pos + 1 >= _end && !_eof) return ParseOutcome.NeedMore;
                error ??= "unexpected character after closing quote";
                // Skip to the end of the line so the record boundary is still found.
                var nl = Array.IndexOf(_buf, '\n', pos, _end - pos);
                if (nl < 0) return _eof ? Finish(_end, out recordEnd) : ParseOutcome.NeedMore;
                recordEnd = nl + 1;
                return ParseOutcome.Done;
            }
            else
            {
                var rel = _buf.AsSpan(pos, _end - pos).IndexOfAny(FieldEnd);
                if (rel < 0)
                {
                    if (!_eof) return ParseOutcome.NeedMore;
                    AddSpan(pos, _end - pos, false, ref error);
                    recordEnd = _end;
                    return ParseOutcome.Done;
                }
                var stop = pos + rel;
                if (_buf[stop] == ',') { AddSpan(pos, rel, false, ref error); pos = stop + 1; continue; }
                var len = rel > 0 && _buf[stop - 1] == '\r' ? rel - 1 : rel;
                AddSpan(pos, len, false, ref error);
                recordEnd = stop + 1;
                return ParseOutcome.Done;
            }
        }
    }

    private ParseOutcome Incomplete(out int recordEnd, ref string? error)
    {
        recordEnd = 0;
        if (!_eof) return ParseOutcome.NeedMore;
        // Quote never closes before the end of input.
        error ??= "unbalanced quote (quoted field not closed)";
        _spans.Add((0, 0, false));
        recordEnd = _end;
        return ParseOutcome.Done;
    }

    private static ParseOutcome Finish(int end, out int recordEnd) { recordEnd = end; return ParseOutcome.Done; }

    private void AddSpan(int start, int length, bool quoted, ref string? error)
    {
        if (length > _limits.MaxFieldLength) error ??= $"field longer than {_limits.MaxFieldLength} characters";
        _spans.Add((start, length, quoted));
    }

    /// <summary>Rejects the line from <see cref="_start"/> to <paramref name="lineEnd"/> (its '\n' or end of input).</summary>
    private CsvReject RejectFirstLine(int lineEnd, string reason)
    {
        var next = lineEnd < _end && _buf[lineEnd] == '\n' ? lineEnd + 1 : lineEnd;
        var reject = new CsvReject(_line, reason, RawText(_buf.AsSpan(_start, lineEnd - _start)));
        _line++;
        _start = next;
        return reject;
    }

    /// <summary>One line longer than the buffer may grow: report it and discard until its end.</summary>
    private CsvReject SkipOverlongLine()
    {
        var raw = RawText(_buf.AsSpan(_start, Math.Min(_end - _start, _limits.MaxRawLength)));
        var reject = new CsvReject(_line, $"line longer than {_limits.MaxFieldLength} characters", raw);
        // A CR left undecided at the end of the buffer ends the line unless an LF follows it.
        var pendingCr = _end > _start && _buf[_end - 1] == '\r';
        _start = _end = 0;
        while (true)
        {
            var n = _source.Read(_buf);
            if (n == 0) { _eof = true; break; }
            _end = n;
            var endedAtCr = pendingCr && _buf[0] != '\n';
            EndLinesAtLoneCarriageReturns(0);
            if (endedAtCr) break;
            var nl = Array.IndexOf(_buf, '\n', 0, n);
            if (nl >= 0) { _start = nl + 1; break; }
            pendingCr = _buf[n - 1] == '\r';
            _end = 0;
        }
        _line++;
        return reject;
    }

    private string RawText(ReadOnlySpan<char> line)
    {
        line = TrimNewline(line);
        var truncated = line.Length > _limits.MaxRawLength;
        if (truncated) line = line[.._limits.MaxRawLength];
        var s = line.ToString();
        return s.Contains('\0') ? s.Replace('\0', '\u2400') : s;
    }

    private static ReadOnlySpan<char> TrimNewline(ReadOnlySpan<char> s)
    {
        if (s.EndsWith("\n")) s = s[..^1];
        if (s.EndsWith("\r")) s = s[..^1];
        return s;
    }

    /// <summary>Reads more chars. Returns true when the buffer was already full at its largest size.</summary>
    private bool Fill()
    {
        if (_eof) return false;
        if (_start > 0)
        {
            Array.Copy(_buf, _start, _buf, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end >= _buf.Length - 1) // a source needs room for a surrogate pair
        {
            var max = _limits.MaxFieldLength + 2;
            if (_buf.Length >= max) return true;
            Array.Resize(ref _buf, Math.Min(max, _buf.Length * 2));
        }
        var n = _source.Read(_buf.AsSpan(_end));
        if (n == 0) _eof = true;
        // The char before the new ones may be a CR that waited to see what follows it.
        var from = Math.Max(_start, _end - 1);
        _end += n;
        EndLinesAtLoneCarriageReturns(from);
        return false;
    }

    /// <summary>
    /// A CR not followed by LF ends a line (old Mac exports, and files mixing them with LF and CRLF): it becomes LF
    /// so that the parser, line numbers and rejects see one line ending. A CR at the end of the buffer is decided on
    /// the next read, or at end of input.
    /// </summary>
    private void EndLinesAtLoneCarriageReturns(int from)
    {
        var last = _eof ? _end : _end - 1;
        for (var i = _buf.AsSpan(from, _end - from).IndexOf('\r'); i >= 0; )
        {
            var at = from + i;
            if (at >= last) break;
            if (at + 1 >= _end || _buf[at + 1] != '\n') _buf[at] = '\n';
            from = at + 1;
            i = _buf.AsSpan(from, _end - from).IndexOf('\r');
        }
    }

    public void Dispose() => _source.Dispose();
}

public enum CsvReadKind { Record, Reject, End }
