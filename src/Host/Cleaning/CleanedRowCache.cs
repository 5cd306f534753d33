using System.Collections.Concurrent;
using Names.Normalization;

namespace Names.Host.Cleaning;

/// <summary>One party of a cleaned name, already formatted as the CSV text that follows the input columns.</summary>
public sealed record CleanedParty(string CsvSuffix, EntityKind Kind, string LegalForm, bool HasProblem);

/// <summary>
/// Memo of the normaliser's output per (name, country, kind hint), shared by the workers. Names repeat heavily in IP
/// data (a large applicant files thousands of times), and the normaliser is deterministic, so a repeat costs a lookup
/// instead of the rule pipeline. Bounded: when full it is emptied, which keeps memory flat on any input.
/// </summary>
public sealed class CleanedRowCache(int capacity)
{
    private readonly ConcurrentDictionary<(string Name, string? Country, string? Kind), CleanedParty[]> _entries = new();
    private long _hits, _misses, _count;

    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);

    public CleanedParty[] GetOrAdd(string name, string? country, string? kind, Func<CleanedParty[]> clean)
    {
        var key = (name, country, kind);
        if (_entries.TryGetValue(key, out var cached))
        {
            Interlocked.Increment(ref _hits);
            return cached;
        }
        Interlocked.Increment(ref _misses);
        var value = clean();
        if (capacity <= 0) return value;
        // ConcurrentDictionary.Count takes every lock: keep our own count instead.
        if (Interlocked.Read(ref _count) >= capacity)
        {
            lock (_entries)
            {
                if (Interlocked.Read(ref _count) >= capacity) { _entries.Clear(); Interlocked.Exchange(ref _count, 0); }
            }
        }
        if (_entries.TryAdd(key, value)) Interlocked.Increment(ref _count);
        return value;
    }
}
