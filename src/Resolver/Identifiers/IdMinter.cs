namespace Names.Resolver.Identifiers;

/// <summary>
/// Deterministic id generator: the n-th id of a registry created with seed s is a pure function of (s, n), so a fresh
/// registry fed the same input with the same seed issues the same ids. The sequence counter is persisted by the
/// registry; ids already issued are skipped by the caller (never re-issued).
/// </summary>
public sealed class IdMinter
{
    private readonly ulong _seed;

    public IdMinter(ulong seed, long nextSequence = 0)
    {
        _seed = seed;
        NextSequence = nextSequence;
    }

    /// <summary>Sequence number the next call to <see cref="Mint"/> will use; persist it with the registry.</summary>
    public long NextSequence { get; private set; }

    public ulong Seed => _seed;

    public string Mint(char prefix)
    {
        var n = (ulong)NextSequence++;
        // Two rounds of SplitMix64 give 128 well-mixed bits; the id body keeps 65 of them.
        var hi = SplitMix(_seed ^ SplitMix(n * 2 + 1));
        var lo = SplitMix(hi ^ (n * 0x9E3779B97F4A7C15UL));
        var body = ((UInt128)(hi & 1) << 64) | lo;
        return GlobalId.Create(prefix, body);
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
