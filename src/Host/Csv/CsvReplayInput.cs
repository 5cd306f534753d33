namespace Names.Host.Csv;

/// <summary>
/// The UTF-8 text that CsvHelper's reader reads, with two things it needs from us: a CR not followed by LF becomes LF
/// (old Mac exports and files mixing line ends: one line end for the parser, line numbers and rejects, and the same
/// bytes as before for a CR inside a quoted field), and the text from the current record on is kept, so that reading
/// can start again on the line after a malformed record's first line (<see cref="Rewind"/>): a bad quote costs one
/// line, not the rest of the file. Positions are counted in bytes from the start of the text.
/// </summary>
internal sealed class CsvReplayInput(CsvCharSource source) : ReadOnlyStream
{
    private byte[] _buf = new byte[1 << 16];
    private long _bufStart;   // position of _buf[0]
    private int _len;         // bytes in _buf, line ends decided
    private int _pos;         // next byte to hand out
    private long _keepFrom;   // bytes from here on are kept
    private bool _heldCr, _eof;

    /// <summary>Bytes before <paramref name="position"/> are no longer needed.</summary>
    public void KeepFrom(long position) => _keepFrom = Math.Max(_keepFrom, position);

    /// <summary>Hands out the text again from <paramref name="position"/> (at or after the last <see cref="KeepFrom"/>).</summary>
    public void Rewind(long position)
    {
        if (position < _bufStart || position > _bufStart + _len) throw new InvalidOperationException("position no longer kept");
        _pos = (int)(position - _bufStart);
        _keepFrom = position;
    }

    /// <summary>The kept text from <paramref name="position"/> to what has been read so far.</summary>
    public ReadOnlySpan<byte> KeptFrom(long position) => _buf.AsSpan((int)(position - _bufStart), _len - (int)(position - _bufStart));

    /// <summary>Reads on from <paramref name="position"/> without keeping the text, to just past the next LF (or the end
    /// of input), and returns that position.</summary>
    public long SkipLine(long position)
    {
        while (true)
        {
            var kept = KeptFrom(position);
            var nl = kept.IndexOf((byte)'\n');
            if (nl >= 0) return position + nl + 1;
            position = _bufStart + _len;
            _keepFrom = position;
            _pos = _len;
            if (!Fill()) return position;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        if (_pos == _len && !Fill()) return 0;
        var n = Math.Min(buffer.Length, _len - _pos);
        _buf.AsSpan(_pos, n).CopyTo(buffer);
        _pos += n;
        return n;
    }

    /// <summary>Reads more of the source; false at the end of input.</summary>
    private bool Fill()
    {
        Compact();
        while (true)
        {
            if (_buf.Length - _len < 4096) Array.Resize(ref _buf, _buf.Length * 2);
            var start = _len;
            if (_heldCr) { _buf[_len++] = (byte)'\r'; _heldCr = false; }
            var n = _eof ? 0 : source.Read(_buf.AsSpan(_len));
            if (n == 0) _eof = true;
            _len += n;
            EndLinesAtLoneCarriageReturns(start);
            if (_len > _pos) return true;
            if (_eof) return false;
        }
    }

    /// <summary>A CR not followed by LF becomes LF; a CR that ends what was read waits for the next byte.</summary>
    private void EndLinesAtLoneCarriageReturns(int from)
    {
        while (from < _len)
        {
            var i = _buf.AsSpan(from, _len - from).IndexOf((byte)'\r');
            if (i < 0) return;
            var at = from + i;
            if (at == _len - 1)
            {
                if (_eof) _buf[at] = (byte)'\n';
                else { _len--; _heldCr = true; }
                return;
            }
            if (_buf[at + 1] != '\n') _buf[at] = (byte)'\n';
            from = at + 1;
        }
    }

    /// <summary>Drops the text no longer kept once the buffer is half full, so the buffer stays small.</summary>
    private void Compact()
    {
        var drop = (int)Math.Min(_keepFrom - _bufStart, _pos);
        if (drop <= 0 || _buf.Length - _len >= _buf.Length / 2) return;
        _buf.AsSpan(drop, _len - drop).CopyTo(_buf);
        _bufStart += drop;
        _len -= drop;
        _pos -= drop;
    }

    protected override void Dispose(bool disposing) { if (disposing) source.Dispose(); base.Dispose(disposing); }
}
