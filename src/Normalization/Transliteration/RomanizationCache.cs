using System.Collections.Concurrent;

namespace Names.Normalization.Transliteration;

/// <summary>
/// Romanised forms of recent texts (display names, key tokens), shared by all threads so each distinct text costs
/// one ICU call per process rather than one per worker thread. Bounded: two generations approximate LRU; when the
/// current one is full it becomes the previous one and the older is dropped, and a hit in the previous generation is
/// copied forward. At most 2 x <see cref="GenerationSize"/> entries.
/// </summary>
internal sealed class RomanizationCache
{
    private readonly Lock _swap = new();
    private Generation _current = new();
    private Generation _previous = new();

    public RomanizationCache(int generationSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(generationSize, 1);
        GenerationSize = generationSize;
    }

    public int GenerationSize { get; }

    public bool TryGet(string text, out string romanized)
    {
        if (Volatile.Read(ref _current).Entries.TryGetValue(text, out romanized!)) return true;
        if (!Volatile.Read(ref _previous).Entries.TryGetValue(text, out romanized!)) return false;
        Add(text, romanized);
        return true;
    }

    public void Add(string text, string romanized)
    {
        var current = Volatile.Read(ref _current);
        if (Interlocked.Increment(ref current.Count) > GenerationSize)
        {
            lock (_swap)
            {
                if (ReferenceEquals(current, _current))
                {
                    Volatile.Write(ref _previous, current);
                    Volatile.Write(ref _current, new Generation());
                }
                current = _current;
            }
            Interlocked.Increment(ref current.Count);
        }
        current.Entries.TryAdd(text, romanized);
    }

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<string, string> Entries = new(StringComparer.Ordinal);
        public int Count;
    }
}
