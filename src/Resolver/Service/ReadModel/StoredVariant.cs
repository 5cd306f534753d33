using System.Text;
using Names.Resolver.Comparison;
using Names.Resolver.Resolution;
using Names.Resolver.Storage;

namespace Names.Resolver.Service.ReadModel;

/// <summary>
/// The fields of a variant that lookups need, packed as one UTF-8 byte array (kind, display name, name key, compact
/// key, alternative key, country, serialized features; each length-prefixed): about 150 bytes and one object per
/// variant instead of a dozen strings, and nothing for the garbage collector to trace. Decoded on demand.
/// </summary>
internal static class StoredVariant
{
    public static byte[] Pack(VariantRecord v)
    {
        Span<string> fields = [v.Kind, v.DisplayName, v.NameKey, v.CompactKey, v.AltKey, v.Country, v.Features];
        int size = 0;
        foreach (var f in fields) size += 5 + Encoding.UTF8.GetByteCount(f);
        var buffer = new byte[size];
        int at = 0;
        foreach (var f in fields)
        {
            var n = Encoding.UTF8.GetBytes(f, 0, f.Length, buffer, at + 4);
            BitConverter.TryWriteBytes(buffer.AsSpan(at, 4), n);
            at += 4 + n;
        }
        return buffer.AsSpan(0, at).ToArray();
    }

    private const int Kind = 0, DisplayName = 1, NameKey = 2, CompactKey = 3, AltKey = 4, Country = 5, Features = 6;

    private static ReadOnlySpan<byte> Field(byte[] packed, int index)
    {
        int at = 0;
        for (int i = 0; i < index; i++) at += 4 + BitConverter.ToInt32(packed, at);
        return packed.AsSpan(at + 4, BitConverter.ToInt32(packed, at));
    }

    private static string Text(byte[] packed, int index) => Encoding.UTF8.GetString(Field(packed, index));

    public static string KindOf(byte[] packed) => Text(packed, Kind);
    public static string DisplayNameOf(byte[] packed) => Text(packed, DisplayName);

    /// <summary>Whether the packed variant is exactly this name (the registry's unique key: compact key, name key, kind, country).</summary>
    public static bool IsName(byte[] packed, string kind, string nameKey, string compactKey, string country) =>
        Same(packed, CompactKey, compactKey) && Same(packed, NameKey, nameKey) && Same(packed, Kind, kind) && Same(packed, Country, country);

    /// <summary>Whether the packed variant has this name key and country (a bulk run's known-name check, kind compared by its caller).</summary>
    public static bool HasNameKey(byte[] packed, string nameKey, string country) => Same(packed, NameKey, nameKey) && Same(packed, Country, country);

    private static bool Same(byte[] packed, int index, string text)
    {
        var field = Field(packed, index);
        Span<byte> utf8 = text.Length <= 256 ? stackalloc byte[text.Length * 3] : new byte[text.Length * 3];
        var n = Encoding.UTF8.GetBytes(text, utf8);
        return field.SequenceEqual(utf8[..n]);
    }

    public static NameRecord ToRecord(byte[] packed) =>
        NameRecord.Deserialize(RegistryState.ParseKind(Text(packed, Kind)), Text(packed, NameKey), Text(packed, CompactKey), Text(packed, AltKey),
            Text(packed, Country), Text(packed, Features));
}
