using System.Collections.Concurrent;
using Names.Resolver.Comparison;
using Names.Resolver.Service.ReadModel;

namespace Names.Resolver.Service;

/// <summary>
/// Comparison records of stored variants by variant id, so hot candidates are not re-parsed from their packed fields
/// (JSON features) on every request; the read model keeps only the packed form, to stay small at millions of variants.
/// A variant's name, keys and features never change after it is written (merges and splits change only its entity),
/// so an entry never goes stale. Bounded: emptied when full.
/// </summary>
internal sealed class ComparisonRecordCache(int capacity = 200_000)
{
    private readonly ConcurrentDictionary<long, NameRecord> _records = new();
    // ConcurrentDictionary.Count takes every bucket lock: an approximate count of our own is enough for the bound.
    private int _count;

    public NameRecord Get(MemberRow v)
    {
        if (_records.TryGetValue(v.VariantId, out var cached)) return cached;
        var record = StoredVariant.ToRecord(v.Packed);
        if (Volatile.Read(ref _count) >= capacity)
        {
            _records.Clear();
            Volatile.Write(ref _count, 0);
        }
        if (_records.TryAdd(v.VariantId, record)) Interlocked.Increment(ref _count);
        return record;
    }
}
