using Names.Normalization;
using Names.Resolver.Comparison;

namespace Names.Resolver.Candidates;

/// <summary>
/// The blocking keys of a name (several per name, each a short string with a type prefix), chosen so that true
/// variants share at least one key: compact/alternative/romanised keys, each token, each token's Soundex, the
/// compact-key prefix, the consonant skeleton, token-prefix signature, and for persons family name + first initial and
/// their context values (<see cref="IsContextKey"/>).
/// Keys never depend on corpus statistics, so stored keys stay valid as the registry grows.
/// </summary>
public sealed class BlockingKeyGenerator
{
    public const int QGram = 5;

    /// <param name="qGrams">Whether to include the character 5-gram keys (g:...), which only the pair sampling of model estimation uses (<see cref="InMemoryCandidateIndex"/>).</param>
    public IReadOnlyList<string> Keys(NameRecord r, bool qGrams = true)
    {
        var keys = new List<string>(16);
        if (r.CompactKey.Length > 0) keys.Add("c:" + r.CompactKey);
        if (r.AltKey.Length > 0 && r.AltKey != r.CompactKey) keys.Add("c:" + r.AltKey);
        if (r.RomanizedName.Length > 0) keys.Add("c:" + new string(r.RomanizedName.ToUpperInvariant().Where(char.IsLetterOrDigit).ToArray()));
        if (r.CompactKey.Length >= 4) keys.Add("p:" + r.CompactKey[..Math.Min(6, r.CompactKey.Length)]);
        if (r.CompactKey.Length >= 3) keys.Add("p3:" + r.CompactKey[..3]); // short names and acronyms (DSM / D S M NV)
        var skeleton = Skeleton(r.CompactKey);
        if (skeleton.Length >= 3) keys.Add("k:" + skeleton);
        foreach (var t in r.Tokens)
        {
            if (t.Length < 2) continue;
            keys.Add("t:" + t);
            if (t.Length >= 4 && t.Any(char.IsLetter))
            {
                var s = Soundex.Encode(t);
                if (s.Length > 0) keys.Add("s:" + s + t[^1]);
            }
        }
        // Character 5-grams of the compact key: find glued or split words and typos outside the gram (NVPHILIPS / PHILIPS NV).
        if (qGrams)
            for (int i = 0; i + QGram <= r.CompactKey.Length; i++) keys.Add("g:" + r.CompactKey.Substring(i, QGram));
        // Signature of the first letters of the first three tokens: catches respaced or abbreviated names (D S M / DSM).
        if (r.Tokens.Length >= 2) keys.Add("i:" + string.Concat(r.Tokens.Take(4).Select(t => t[0])));
        if (r.Kind == EntityKind.Person)
        {
            var family = r.FamilyName.Length > 0 ? r.FamilyName.ToUpperInvariant() : (r.Tokens.Length > 0 ? r.Tokens[0] : "");
            var given = r.GivenNames.Length > 0 ? r.GivenNames.ToUpperInvariant() : (r.Tokens.Length > 1 ? r.Tokens[1] : "");
            if (family.Length > 0) keys.Add("f:" + family + "|" + (given.Length > 0 ? given[0] : '_'));
            // Context values (full date of birth, postcode, place ...): find the same person under a nickname, a title or
            // without a family name (VINNIE / LAVINIA CROSSE, THOMAS / THOMAS CHITTY, SIR BARONET). Common values (a
            // gender, a big city) exceed the block cap and drop out. Searched apart from the name keys (CandidateSearch).
            foreach (var (column, values) in r.Context)
                foreach (var v in values)
                {
                    if (DateContextFeature.TryParts(v, out _, out var month))
                    {
                        if (v.Length >= 8 && month > 0) keys.Add(DateKeyPrefix + column + "=" + v);
                    }
                    else if (v.Length >= 2) keys.Add(ContextKeyPrefix + column + "=" + v);
                }
        }
        return keys.Distinct().ToList();
    }

    public const string DateKeyPrefix = "d:";
    public const string ContextKeyPrefix = "x:";

    /// <summary>True for a key built from a context value rather than from the name.</summary>
    public static bool IsContextKey(string key) =>
        key.StartsWith(DateKeyPrefix, StringComparison.Ordinal) || key.StartsWith(ContextKeyPrefix, StringComparison.Ordinal);

    /// <summary>Consonants of the compact key without repeats, first 8 (tolerates vowel typos: ASSESTS/ASSETS).</summary>
    private static string Skeleton(string compact)
    {
        Span<char> buffer = stackalloc char[8];
        int n = 0;
        char last = '\0';
        foreach (var c in compact)
        {
            if ("AEIOUY".Contains(c) || c == last) continue;
            last = c;
            buffer[n++] = c;
            if (n == 8) break;
        }
        return new string(buffer[..n]);
    }
}
