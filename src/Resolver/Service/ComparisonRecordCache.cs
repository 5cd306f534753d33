using System.Collections.Concurrent;
using Names.Resolver.Comparison;
using Names.Resolver.Resolution;
using Names.Resolver.Service.ReadModel;
using Names.Resolver.Storage;

namespace Names.Resolver.Service;

/// <summary>
/// Comparison records of stored variants by variant id, so hot candidates are not re-parsed from their packed fields
/// (JSON features) on every request; the read model keeps only the packed form, to stay small at millions of variants.
/// A variant's name, keys and features never change after it is written (merges and splits change only its entity),
/// so an entry never goes stale; an erased variant is forgotten. Bounded: emptied when full.
/// </summary>
internal sealed class ComparisonRecordCache(int capacity = 200_000)
{
    private readonly ConcurrentDictionary<long, NameRecord> _records = new();
    // ConcurrentDictionary.Count takes every bucket lock: an approximate count of our own is enough for the bound.
    private int _count;

    public NameRecord Get(MemberRow v) =>
        _records.TryGetValue(v.VariantId, out var cached) ? cached : Add(v.VariantId, StoredVariant.ToRecord(v.Packed));

    /// <summary>A variant read from the store (reviewers' pairs), parsed from its own fields.</summary>
    public NameRecord Get(VariantRecord v) =>
        _records.TryGetValue(v.Id, out var cached) ? cached
            : Add(v.Id, NameRecord.Deserialize(RegistryState.ParseKind(v.Kind), v.NameKey, v.CompactKey, v.AltKey, v.Country, v.Features));

    /// <summary>Drops erased variants' records (issue 16: nothing of an erased name stays in memory).</summary>
    public void Forget(IReadOnlyList<long> variantIds)
    {
        foreach (var id in variantIds)
            if (_records.TryRemove(id, out _)) Interlocked.Decrement(ref _count);
    }

    private NameRecord Add(long variantId, NameRecord record)
    {
        if (Volatile.Read(ref _count) >= capacity)
        {
            _records.Clear();
            Volatile.Write(ref _count, 0);
        }
        if (_records.TryAdd(variantId, record)) Interlocked.Increment(ref _count);
        return record;
    }
}
