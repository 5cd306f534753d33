using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Names.Host.Csv;

/// <summary>
/// Strict UTF-8, passed through after validation; at the first invalid byte it switches to Windows-1252 (transcoded to
/// UTF-8) for the rest of the input (files that are not UTF-8 are nearly always 1252, and ASCII lines before that byte
/// read the same in both). The warning names the physical line (line ends LF, CRLF or lone CR, as the reader counts
/// them) holding that byte.
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

    public override int Read(Span<byte> destination)
    {
        if (destination.Length < 4) throw new ArgumentException("room for at least 4 bytes is needed", nameof(destination));
        while (true)
        {
            if (_pos == _end || (!_windows1252 && !_eof && _end - _pos < 4))
            {
                Fill();
                if (_pos == _end) return 0;
            }
            var available = _bytes.AsSpan(_pos, _end - _pos);
            if (_windows1252) return FromWindows1252(available, destination);

            var chunk = available[..Math.Min(available.Length, destination.Length)];
            var final = _eof && chunk.Length == available.Length;
            var complete = final ? chunk.Length : WholeSequences(chunk);
            var valid = Utf8.IsValid(chunk[..complete]) ? complete : ValidPrefix(chunk[..complete]);
            if (valid < complete)
            {
                // an invalid byte, or a sequence cut at the very end of the input: not UTF-8 from here
                CountLineEnds(chunk[..valid]);
                _windows1252 = true;
                _fallbackLine = _newlines + 1;
            }
            else CountLineEnds(chunk[..valid]);
            if (valid > 0)
            {
                chunk[..valid].CopyTo(destination);
                _pos += valid;
                return valid;
            }
            if (!_windows1252) Fill();
        }
    }

    /// <summary>Length of <paramref name="chunk"/> without a multi-byte sequence that its end cuts.</summary>
    private static int WholeSequences(ReadOnlySpan<byte> chunk)
    {
        for (var back = 1; back <= Math.Min(3, chunk.Length); back++)
        {
            var b = chunk[^back];
            if ((b & 0xC0) == 0x80) continue; // continuation byte
            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? chunk.Length - back : chunk.Length;
        }
        return chunk.Length;
    }

    /// <summary>Bytes before the first invalid UTF-8 sequence.</summary>
    private static int ValidPrefix(ReadOnlySpan<byte> bytes)
    {
        var pos = 0;
        while (pos < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[pos..], out _, out var consumed) != OperationStatus.Done) return pos;
            pos += consumed;
        }
        return pos;
    }

    private int FromWindows1252(ReadOnlySpan<byte> available, Span<byte> destination)
    {
        int read = 0, written = 0;
        while (read < available.Length && destination.Length - written >= 3)
        {
            var b = available[read++];
            if (b < 0x80) destination[written++] = b;
            else written += new Rune(Windows1252.ToChar(b)).EncodeToUtf8(destination[written..]);
        }
        _pos += read;
        return written;
    }

    /// <summary>Counts line ends as the CSV reader sees them: LF, CRLF (also split across two reads) and a lone CR.</summary>
    private void CountLineEnds(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return;
        var crs = bytes.Count((byte)'\r');
        _newlines += bytes.Count((byte)'\n') + (crs == 0 ? 0 : crs - CountCrLf(bytes));
        if (_endedWithCr && bytes[0] == '\n') _newlines--;
        _endedWithCr = bytes[^1] == '\r';
    }

    private static int CountCrLf(ReadOnlySpan<byte> bytes)
    {
        var n = 0;
        for (var i = bytes.IndexOf("\r\n"u8); i >= 0; i = bytes.IndexOf("\r\n"u8))
        {
            n++;
            bytes = bytes[(i + 2)..];
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
