using System.Text;

namespace Names.Host.Csv;

/// <summary>
/// The text of a CSV input as UTF-8, whatever its encoding: UTF-16 (LE/BE) when it starts with that byte-order mark,
/// otherwise UTF-8 (with or without BOM, which is dropped) that falls back to Windows-1252 from the first byte that is
/// not valid UTF-8. CsvHelper's reader takes UTF-8, so the fallback happens here, in front of it.
/// </summary>
public abstract class CsvCharSource : IDisposable
{
    /// <summary>Encoding in use, e.g. <c>utf-8</c>, <c>utf-16le</c>, <c>windows-1252 from line 12</c>.</summary>
    public abstract string EncodingName { get; }

    /// <summary>Set once the input turned out not to be valid UTF-8: says from which physical line 1252 is used.</summary>
    public abstract string? EncodingWarning { get; }

    /// <summary>Bytes consumed from the underlying stream so far (for progress).</summary>
    public abstract long BytesRead { get; }

    /// <summary>Fills <paramref name="destination"/> (room for at least 4 bytes, one UTF-8 sequence) with valid UTF-8;
    /// 0 at end of input.</summary>
    public abstract int Read(Span<byte> destination);

    public abstract void Dispose();

    public static CsvCharSource Open(Stream stream)
    {
        var counting = new ByteCountingStream(stream);
        var head = new byte[4];
        var n = 0;
        while (n < 3)
        {
            var r = counting.Read(head, n, 3 - n);
            if (r == 0) break;
            n += r;
        }
        if (n >= 2 && head[0] == 0xFF && head[1] == 0xFE)
            return new Utf16CharSource(counting, head.AsSpan(2, n - 2).ToArray(), new UnicodeEncoding(false, false), "utf-16le");
        if (n >= 2 && head[0] == 0xFE && head[1] == 0xFF)
            return new Utf16CharSource(counting, head.AsSpan(2, n - 2).ToArray(), new UnicodeEncoding(true, false), "utf-16be");
        if (n == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
            return new Utf8OrWindows1252CharSource(counting, ReadOnlySpan<byte>.Empty, "utf-8 (BOM)");
        return new Utf8OrWindows1252CharSource(counting, head.AsSpan(0, n), "utf-8");
    }
}

/// <summary>Counts bytes read, so progress can be reported against a file's length.</summary>
internal sealed class ByteCountingStream(Stream inner) : ReadOnlyStream
{
    private long _count;
    public long Count => Interlocked.Read(ref _count);
    public override int Read(byte[] buffer, int offset, int count) { var n = inner.Read(buffer, offset, count); Interlocked.Add(ref _count, n); return n; }
    public override int Read(Span<byte> buffer) { var n = inner.Read(buffer); Interlocked.Add(ref _count, n); return n; }
    protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
}

/// <summary>UTF-16 input transcoded to UTF-8; an unpaired surrogate or odd final byte becomes U+FFFD.</summary>
internal sealed class Utf16CharSource(ByteCountingStream stream, byte[] pending, Encoding encoding, string name) : CsvCharSource
{
    private readonly Stream _utf8 = Encoding.CreateTranscodingStream(
        pending.Length == 0 ? stream : new PrefixedStream(pending, stream), encoding, Encoding.UTF8);

    public override string EncodingName => name;
    public override string? EncodingWarning => null;
    public override long BytesRead => stream.Count;
    public override int Read(Span<byte> destination) => _utf8.Read(destination);
    public override void Dispose() => _utf8.Dispose();
}

/// <summary>A few already-read bytes followed by the rest of a stream.</summary>
internal sealed class PrefixedStream(byte[] prefix, Stream rest) : ReadOnlyStream
{
    private int _prefixPos;
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override int Read(Span<byte> buffer)
    {
        if (_prefixPos < prefix.Length)
        {
            var n = Math.Min(buffer.Length, prefix.Length - _prefixPos);
            prefix.AsSpan(_prefixPos, n).CopyTo(buffer);
            _prefixPos += n;
            return n;
        }
        return rest.Read(buffer);
    }
    protected override void Dispose(bool disposing) { if (disposing) rest.Dispose(); base.Dispose(disposing); }
}

/// <summary>A forward-only stream that can only be read: what the input layers share.</summary>
internal abstract class ReadOnlyStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
