namespace Names.Normalization.Lexicon;

/// <summary>
/// A quick "certainly not in the list" test run before a word list's hash look-up: one bit per (length, first, second
/// and last character) of the list's words, so a word whose bit is clear is not in the list without hashing the
/// word. Most name words are in no list, and a rule asks a dozen lists about every word: those look-ups were ~8% of
/// `clean`'s CPU. A set bit proves nothing; the list is asked then. Immutable once built.
/// </summary>
internal sealed class WordFilter
{
    private const int Bits = 1 << 16;
    private readonly ulong[] _bits = new ulong[Bits / 64];

    public WordFilter(IEnumerable<string> words)
    {
        foreach (var w in words)
        {
            uint i = Index(w);
            _bits[i >> 6] |= 1UL << (int)(i & 63);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool MayContain(string word)
    {
        uint i = Index(word);
        return (_bits[i >> 6] & (1UL << (int)(i & 63))) != 0;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static uint Index(string w)
    {
        if (w.Length == 0) return 0;
        uint h = (uint)w.Length * 0x9E3779B1u ^ w[0] * 0x85EBCA77u ^ w[Math.Min(1, w.Length - 1)] * 0xC2B2AE3Du ^ w[^1] * 0x27D4EB2Fu;
        h ^= h >> 15;
        h *= 0x2C1B3C6Du;
        h ^= h >> 16;
        return h & (Bits - 1);
    }
}
