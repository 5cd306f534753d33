using System.Numerics;
using Names.Host.Csv;
using Names.Normalization;

namespace Names.Host.Cleaning;

/// <summary>
/// The party columns `clean` wrote for recent inputs, so a repeated (name, country, kind) is written again without
/// normalising and formatting it a second time. Applicant columns repeat heavily (the same firms file thousands of
/// applications; 57% of `names synth` rows repeat an earlier row), and the normaliser is deterministic, so the output
/// is byte-identical with or without the cache.
/// <para>Entries live in a few large arrays per generation (inputs in one char array, party columns as UTF-8 in one
/// byte array, open-addressing buckets), not as objects: a cache of 10^5 small objects kept alive across young
/// collections cost more GC time than it saved (tried: 3.0 s of GC pauses per 1M rows instead of 0.7 s). Two
/// generations approximate LRU: when the current one is full, the previous one is cleared and reused as the current
/// one; a hit in the previous generation is copied forward.
/// Shared by the workers, in shards with a lock each (a look-up is a hash probe and a copy).</para>
/// </summary>
internal sealed class RepeatedNameCache
{
    /// <summary>Entries longer than this (input characters and column bytes) are not kept (they are rare, and would
    /// crowd out many short ones).</summary>
    private const int MaxEntryLength = 2048;
    /// <summary>Entries per generation of one shard, at least: a shard holds its own lock and generations, so the
    /// workers rarely wait for each other (one lock for the whole cache cost ~4% of a run's CPU in contention). The
    /// default cache has 8 shards: 64 smaller ones were no faster and held ~25 MB more memory.</summary>
    private const int EntriesPerShard = 8192;
    private const int MaxShards = 64;
    private readonly Shard[] _shards;
    private readonly int _shardShift;

    /// <param name="entriesPerGeneration">distinct inputs per generation; memory is about 0.4 KB per entry in all.</param>
    public RepeatedNameCache(int entriesPerGeneration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entriesPerGeneration, 1);
        int shards = 1;
        while (shards < MaxShards && entriesPerGeneration / (shards * 2) >= EntriesPerShard) shards *= 2;
        _shards = new Shard[shards];
        for (int i = 0; i < shards; i++) _shards[i] = new Shard(Math.Max(1, entriesPerGeneration / shards));
        _shardShift = 32 - BitOperations.Log2((uint)shards);
    }

    /// <summary>
    /// When the record's input is cached, appends its party rows (the row's input columns, then each party's columns)
    /// to the batch output, counts them in the batch statistics and returns true. <paramref name="hash"/> is for
    /// <see cref="Add"/> when it is not.
    /// </summary>
    public bool TryWrite(CleanRecord record, CleanBatch batch, out int hash)
    {
        hash = Hash(record.Name, record.Country, record.Kind);
        return ShardOf(hash).TryWrite(hash, record, batch);
    }

    /// <summary>Keeps the party columns just written for <paramref name="record"/> (its <paramref name="hash"/> from
    /// <see cref="TryWrite"/>): <paramref name="columns"/> holds them back to back, party <c>i</c> ending at
    /// <c>parties[i].End</c>.</summary>
    public void Add(CleanRecord record, int hash, ReadOnlySpan<byte> columns, ReadOnlySpan<CachedParty> parties)
    {
        int keyLength = record.Name.Length + (record.Country?.Length ?? 0) + (record.Kind?.Length ?? 0);
        if (keyLength + columns.Length > MaxEntryLength) return;
        ShardOf(hash).Add(hash, keyLength, record, columns, parties);
    }

    // the high bits choose the shard; the low bits choose the bucket inside it
    private Shard ShardOf(int hash) => _shards.Length == 1 ? _shards[0] : _shards[(uint)hash >> _shardShift];

    private static int Hash(string name, string? country, string? kind) =>
        HashCode.Combine(string.GetHashCode(name.AsSpan()), country is null ? -1 : string.GetHashCode(country.AsSpan()), kind is null ? -1 : string.GetHashCode(kind.AsSpan()));

    /// <summary>A part of the cache (the inputs whose hash falls in it) with its own lock and two generations.</summary>
    private sealed class Shard(int entriesPerGeneration)
    {
        private readonly Lock _lock = new();
        private Generation _current = new(entriesPerGeneration);
        private Generation _previous = new(entriesPerGeneration);

        public bool TryWrite(int hash, CleanRecord record, CleanBatch batch)
        {
            lock (_lock)
            {
                int entry = _current.Find(hash, record.Name, record.Country, record.Kind);
                if (entry >= 0)
                {
                    _current.Write(entry, record, batch);
                    return true;
                }
                entry = _previous.Find(hash, record.Name, record.Country, record.Kind);
                if (entry < 0) return false;
                _previous.Write(entry, record, batch);
                // copied forward only when that needs no swap: a swap would clear the generation being copied from
                if (_current.HasRoomFor(_previous, entry)) _current.CopyFrom(_previous, entry);
                return true;
            }
        }

        /// <summary>When both workers miss the same input at once, it is added twice: harmless (the copies are equal,
        /// and the first is found), and cheaper than a second probe on every add.</summary>
        public void Add(int hash, int keyLength, CleanRecord record, ReadOnlySpan<byte> columns, ReadOnlySpan<CachedParty> parties)
        {
            lock (_lock)
            {
                if (!_current.HasRoomFor(keyLength, columns.Length, parties.Length))
                {
                    (_current, _previous) = (_previous, _current);
                    _current.Clear();
                }
                _current.Add(hash, record, columns, parties);
            }
        }
    }

    private struct Entry
    {
        public int Hash;
        public int TextStart;
        public int NameLength;
        /// <summary>-1 when the record had no such column (null), which the normaliser may treat unlike "".</summary>
        public int CountryLength;
        public int KindLength;
        public int ColumnsStart;
        public int ColumnsLength;
        public int PartyStart;
        public int PartyCount;

        public readonly int KeyLength => NameLength + Math.Max(CountryLength, 0) + Math.Max(KindLength, 0);
    }

    /// <summary>One generation: inputs (name, country, kind of each entry) in one array, their party columns (UTF-8,
    /// as written) in another, entries in a third, and an open-addressing table at most half full whose slots hold the
    /// entry's hash (high half) and number + 1 (low half; 0 is empty), so a probe reads one array and only a matching
    /// hash reads the entry: the arrays are megabytes, and every read of them is a cache miss.</summary>
    private sealed class Generation
    {
        private readonly Entry[] _entries;
        private readonly ulong[] _buckets;
        private readonly char[] _text;
        private readonly byte[] _columns;
        private readonly CachedParty[] _parties;
        private int _count, _textUsed, _columnsUsed, _partiesUsed;

        public Generation(int entries)
        {
            _entries = new Entry[entries];
            _buckets = new ulong[(int)BitOperations.RoundUpToPowerOf2((uint)entries * 2)];
            // a name is ~25 characters and its party columns ~150 bytes on average; any one entry fits
            _text = new char[Math.Max(entries * 64, MaxEntryLength)];
            _columns = new byte[Math.Max(entries * 256, MaxEntryLength)];
            _parties = new CachedParty[entries * 2];
        }

        public bool HasRoomFor(int keyLength, int columnsLength, int parties) =>
            _count < _entries.Length && _textUsed + keyLength <= _text.Length && _columnsUsed + columnsLength <= _columns.Length
            && _partiesUsed + parties <= _parties.Length;

        public bool HasRoomFor(Generation other, int entry)
        {
            ref readonly var e = ref other._entries[entry];
            return HasRoomFor(e.KeyLength, e.ColumnsLength, e.PartyCount);
        }

        public void Clear()
        {
            Array.Clear(_buckets);
            Array.Clear(_parties, 0, _partiesUsed); // let go of legal-form strings
            _count = _textUsed = _columnsUsed = _partiesUsed = 0;
        }

        public int Find(int hash, string name, string? country, string? kind)
        {
            int mask = _buckets.Length - 1;
            for (int i = hash & mask; _buckets[i] != 0; i = (i + 1) & mask)
            {
                ulong slot = _buckets[i];
                if ((int)(slot >> 32) != hash) continue;
                int entry = (int)(uint)slot - 1;
                ref readonly var e = ref _entries[entry];
                var text = _text.AsSpan(e.TextStart);
                if (!text[..e.NameLength].SequenceEqual(name)) continue;
                text = text[e.NameLength..];
                if (!Matches(ref text, e.CountryLength, country) || !Matches(ref text, e.KindLength, kind)) continue;
                return entry;
            }
            return -1;
        }

        private static bool Matches(ref Span<char> text, int length, string? value)
        {
            if (length < 0) return value is null;
            if (value is null || !text[..length].SequenceEqual(value)) return false;
            text = text[length..];
            return true;
        }

        public void Write(int entry, CleanRecord record, CleanBatch batch)
        {
            ref readonly var e = ref _entries[entry];
            var columns = _columns.AsSpan(e.ColumnsStart, e.ColumnsLength);
            var input = batch.Input.WrittenSpan.Slice(record.InputStart, record.InputLength);
            int start = 0;
            foreach (var party in _parties.AsSpan(e.PartyStart, e.PartyCount))
            {
                batch.Statistics.AddParty(party.Kind, party.LegalForm, party.HasProblem);
                batch.Statistics.AddFormulaFields(record.FormulaFields + party.FormulaFields, record.Line);
                batch.Output.Append(input);
                batch.Output.Append(columns[start..party.End]);
                start = party.End;
            }
        }

        public void Add(int hash, CleanRecord record, ReadOnlySpan<byte> columns, ReadOnlySpan<CachedParty> parties)
        {
            var e = new Entry
            {
                Hash = hash, TextStart = _textUsed, NameLength = record.Name.Length,
                CountryLength = record.Country?.Length ?? -1, KindLength = record.Kind?.Length ?? -1,
                ColumnsStart = _columnsUsed, ColumnsLength = columns.Length, PartyStart = _partiesUsed, PartyCount = parties.Length,
            };
            Append(record.Name);
            if (record.Country is not null) Append(record.Country);
            if (record.Kind is not null) Append(record.Kind);
            columns.CopyTo(_columns.AsSpan(_columnsUsed));
            _columnsUsed += columns.Length;
            parties.CopyTo(_parties.AsSpan(_partiesUsed));
            _partiesUsed += parties.Length;
            Insert(e);
        }

        public void CopyFrom(Generation other, int entry)
        {
            var e = other._entries[entry];
            other._text.AsSpan(e.TextStart, e.KeyLength).CopyTo(_text.AsSpan(_textUsed));
            other._columns.AsSpan(e.ColumnsStart, e.ColumnsLength).CopyTo(_columns.AsSpan(_columnsUsed));
            other._parties.AsSpan(e.PartyStart, e.PartyCount).CopyTo(_parties.AsSpan(_partiesUsed));
            e.TextStart = _textUsed;
            e.ColumnsStart = _columnsUsed;
            e.PartyStart = _partiesUsed;
            _textUsed += e.KeyLength;
            _columnsUsed += e.ColumnsLength;
            _partiesUsed += e.PartyCount;
            Insert(e);
        }

        private void Append(string value)
        {
            value.CopyTo(_text.AsSpan(_textUsed));
            _textUsed += value.Length;
        }

        private void Insert(in Entry e)
        {
            _entries[_count] = e;
            int mask = _buckets.Length - 1;
            int i = e.Hash & mask;
            while (_buckets[i] != 0) i = (i + 1) & mask;
            _buckets[i] = ((ulong)(uint)e.Hash << 32) | (uint)++_count;
        }
    }
}

/// <summary>What the statistics need of a cached party, and where its columns end in the entry's text.</summary>
internal readonly record struct CachedParty(EntityKind Kind, string LegalForm, bool HasProblem, int End, int FormulaFields);
