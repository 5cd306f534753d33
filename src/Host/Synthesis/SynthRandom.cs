namespace Names.Host.Synthesis;

/// <summary>
/// SplitMix64: a tiny, fast, allocation-free generator whose sequence is fixed for a seed on every platform and .NET
/// version (System.Random's seeded sequence is not a documented contract).
/// </summary>
public struct SynthRandom(ulong seed)
{
    private ulong _state = seed;

    public static SynthRandom For(ulong seed, ulong stream, ulong index) =>
        new(Mix(seed ^ Mix(stream * 0x9E3779B97F4A7C15UL) ^ Mix(index + 0x632BE59BD9B4E019UL)));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)((NextUInt64() >> 33) * (ulong)n >> 31);

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
