using System.Buffers;

namespace Names.Host.Csv;

/// <summary>Appending to the UTF-8 buffers that output rows are built in.</summary>
public static class Utf8Buffers
{
    /// <summary>Appends <paramref name="utf8"/> (a call on the sealed type: no interface dispatch per field).</summary>
    public static void Append(this ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(buffer.GetSpan(utf8.Length));
        buffer.Advance(utf8.Length);
    }
}
