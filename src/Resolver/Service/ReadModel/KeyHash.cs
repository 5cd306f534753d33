namespace Names.Resolver.Service.ReadModel;

/// <summary>
/// 64-bit hash of key text for the in-memory indexes, which keep hashes instead of millions of key strings. A collision
/// (about 1 in 10^7 at a million keys) only joins two blocks or sends an exact-name check to the database.
/// </summary>
internal static class KeyHash
{
    public static ulong Of(ReadOnlySpan<char> text, ulong seed = 14695981039346656037UL)
    {
        var h = seed;
        foreach (var c in text) h = (h ^ c) * 1099511628211UL; // FNV-1a
        return Mix(h);
    }

    /// <summary>Hash of several fields, separated so that ("AB","C") and ("A","BC") differ.</summary>
    public static ulong Of(string a, string b, string c, string d) => Of(d, Of(c, Of(b, Of(a) ^ 0x1F) ^ 0x1F) ^ 0x1F);

    /// <summary>murmur3 finaliser: spreads FNV's weak low bits over the whole word.</summary>
    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        return h ^ (h >> 33);
    }
}
