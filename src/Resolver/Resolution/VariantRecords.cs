using Names.Normalization;
using Names.Resolver.Comparison;
using Names.Resolver.Service.ReadModel;
using Names.Resolver.Storage;

namespace Names.Resolver.Resolution;

/// <summary>
/// The comparison records of a run's variants, by handle: each kept packed (<see cref="StoredVariant"/>: one byte array of
/// about 200 bytes instead of a record of a dozen objects) and decoded on demand. The records used last are kept decoded, up
/// to <c>capacity</c> (two generations: a record used again moves to the newer one; the older one is dropped when the
/// newer one is full), so the candidates of recurring names are not decoded again, and memory stays bounded as the registry
/// grows.
/// </summary>
internal sealed class VariantRecords(int capacity)
{
    private readonly List<byte[]> _packed = new();
    private Dictionary<int, NameRecord> _newer = new(), _older = new();
    private readonly int _generation = Math.Max(1, capacity / 2);

    /// <summary>Adds a variant's record; <paramref name="record"/>, when the caller has it decoded, is kept as such.</summary>
    public int Add(VariantRecord variant, NameRecord? record)
    {
        _packed.Add(Pack(variant, record));
        var handle = _packed.Count - 1;
        if (record is not null) Keep(handle, record);
        return handle;
    }

    public NameRecord Get(int handle)
    {
        if (_newer.TryGetValue(handle, out var record)) return record;
        if (!_older.Remove(handle, out record)) record = StoredVariant.ToRecord(_packed[handle]);
        Keep(handle, record);
        return record;
    }

    /// <summary>Whether the variant has this name (kind, name key, country), read from its packed form unless it is decoded.</summary>
    public bool IsName(int handle, EntityKind kind, string nameKey, string country)
    {
        if (_newer.TryGetValue(handle, out var record) || _older.TryGetValue(handle, out record))
            return record.Kind == kind && record.NameKey == nameKey && record.Country == country;
        var packed = _packed[handle];
        return StoredVariant.HasNameKey(packed, nameKey, country) && RegistryState.ParseKind(StoredVariant.KindOf(packed)) == kind;
    }

    /// <summary>The record of the handle changed in memory (context of a later row): packed again, so the change outlives the cache.</summary>
    public void Changed(int handle, NameRecord record)
    {
        var packed = _packed[handle];
        _packed[handle] = Pack(new VariantRecord(0, "", StoredVariant.KindOf(packed), "", record.NameKey, record.CompactKey, record.AltKey,
            record.Country, record.SerializeExtras(keepOrder: true)), null);
        Keep(handle, record);
    }

    private void Keep(int handle, NameRecord record)
    {
        if (_newer.Count >= _generation)
        {
            (_older, _newer) = (_newer, _older);
            _newer.Clear();
        }
        _newer[handle] = record;
    }

    /// <summary>
    /// The display name is left out (nothing compares it). Context is kept in the order it was added, not the stored
    /// (sorted) order: features read at most their first values, so a record decoded again must list them as before.
    /// </summary>
    private static byte[] Pack(VariantRecord variant, NameRecord? record) => StoredVariant.Pack(variant with
    {
        DisplayName = "",
        Features = record is { Context.Count: > 0 } ? record.SerializeExtras(keepOrder: true) : variant.Features,
    });
}
