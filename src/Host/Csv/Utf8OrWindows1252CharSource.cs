using System.Buffers;
using System.Text.Unicode;

namespace Names.Host.Csv;

/// <summary>
/// Strict UTF-8 decoding in one streaming pass; at the first invalid byte it switches to Windows-1252 for the rest
/// of the input (files that are not UTF-8 are nearly always 1252, and ASCII lines before that byte read the same in
/// both). The warning names the physical line (line ends LF, CRLF or lone CR, as the reader counts them) holding that byte.
/// </summary>
internal sealed class Utf8OrWindows1252CharSource : CsvCharSource
{
    private readonly ByteCountingStream _stream;
    private readonly byte[] _bytes = new byte[1 << 16];
    private int _pos, _end;
    private bool _eof, _windows1252, _endedWithCr;
    private long _newlines;
    private long _fallbackLine;
    private readonly string _utf8Name;

    public Utf8OrWindows1252CharSource(ByteCountingStream stream, ReadOnlySpan<byte> pending, string utf8Name)
    {
        _stream = stream;
        _utf8Name = utf8Name;
        pending.CopyTo(_bytes);
        _end = pending.Length;
    }

    public override string EncodingName => _windows1252 ? $"windows-1252 from line {_fallbackLine}" : _utf8Name;

    public override string? EncodingWarning => _windows1252
        ? $"input is not valid UTF-8 (first bad byte on line {_fallbackLine}); read as Windows-1252 from there on"
        : null;

    public override long BytesRead => _stream.Count;

    public override int Read(Span<char> destination)
    {
        if (destination.Length < 2) throw new ArgumentException("room for at least 2 chars is needed", nameof(destination));
        while (true)
        {
            if (_pos == _end || (!_windows1252 && !_eof && _end - _pos < 4))
            {
                Fill();
                if (_pos == _end) return 0;
            }
            var available = _bytes.AsSpan(_pos, _end - _pos);
            if (_windows1252)
            {
                var n = Math.Min(available.Length, destination.Length);
                Windows1252.Decode(available[..n], destination);
                _pos += n;
                return n;
            }
            var status = Utf8.ToUtf16(available, destination, out var consumed, out var written,
                replaceInvalidSequences: false, isFinalBlock: _eof);
            _pos += consumed;
            CountLineEnds(destination[..written]);
            if (status == OperationStatus.InvalidData)
            {
                _windows1252 = true;
                _fallbackLine = _newlines + 1;
                if (written > 0) return written;
                continue;
            }
            if (written > 0) return written;
            if (status == OperationStatus.NeedMoreData && _eof)
            {
                // A truncated sequence at the very end: also not UTF-8.
                _windows1252 = true;
                _fallbackLine = _newlines + 1;
                continue;
            }
            if (status == OperationStatus.NeedMoreData) Fill();
        }
    }

    /// <summary>Counts line ends as the CSV reader sees them: LF, CRLF (also split across two reads) and a lone CR.</summary>
    private void CountLineEnds(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty) return;
        _newlines += chars.Count('\n') + chars.Count('\r') - CountCrLf(chars);
        if (_endedWithCr && chars[0] == '\n') _newlines--;
        _endedWithCr = chars[^1] == '\r';
    }

    private static int CountCrLf(ReadOnlySpan<char> chars)
    {
        var n = 0;
        for (var i = chars.IndexOf("\r\n"); i >= 0; i = chars.IndexOf("\r\n"))
        {
            n++;
            chars = chars[(i + 2)..];
        }
        return n;
    }

    private void Fill()
    {
        if (_pos > 0)
        {
            _bytes.AsSpan(_pos, _end - _pos).CopyTo(_bytes);
            _end -= _pos;
            _pos = 0;
        }
        while (!_eof && _end < _bytes.Length)
        {
            var n = _stream.Read(_bytes, _end, _bytes.Length - _end);
            if (n == 0) _eof = true;
            else { _end += n; break; }
        }
    }

    public override void Dispose() => _stream.Dispose();
}
