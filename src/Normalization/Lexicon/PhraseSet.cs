using System.Collections.Frozen;
using Names.Normalization.Text;

namespace Names.Normalization.Lexicon;

/// <summary>
/// Multi-word lookup over token sequences without allocation: phrases indexed by first and by last token,
/// longest first, so "GMBH &amp; CO KG" wins over "KG" and "DR RER NAT" over "DR".
/// </summary>
internal sealed class PhraseSet<T>
{
    private readonly FrozenDictionary<string, Phrase<T>[]> _byFirst;
    private readonly FrozenDictionary<string, Phrase<T>[]> _byLast;
    private readonly WordFilter _firstWords;
    private readonly WordFilter _lastWords;

    public PhraseSet(IEnumerable<Phrase<T>> phrases)
    {
        var all = phrases.Where(p => p.Tokens.Length > 0).ToList();
        _byFirst = Index(all, p => p.Tokens[0]);
        _byLast = Index(all, p => p.Tokens[^1]);
        _firstWords = new WordFilter(_byFirst.Keys);
        _lastWords = new WordFilter(_byLast.Keys);
        Count = all.Count;
    }

    public int Count { get; }

    private static FrozenDictionary<string, Phrase<T>[]> Index(List<Phrase<T>> all, Func<Phrase<T>, string> key) =>
        all.GroupBy(key, StringComparer.Ordinal)
           .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(p => p.Tokens.Length).ThenBy(p => p.Key, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    public static PhraseSet<T> FromLines(IEnumerable<(string Text, T Value)> entries) =>
        new(entries.Select(e => new Phrase<T>(Phrase<T>.TokensOf(e.Text), e.Value)));

    public bool TryGetByFirst(string match, out Phrase<T>[] phrases)
    {
        phrases = [];
        return _firstWords.MayContain(match) && _byFirst.TryGetValue(match, out phrases!);
    }

    public bool TryGetByLast(string match, out Phrase<T>[] phrases)
    {
        phrases = [];
        return _lastWords.MayContain(match) && _byLast.TryGetValue(match, out phrases!);
    }

    /// <summary>Does <paramref name="p"/> occur at tokens [start, start + length)?</summary>
    public static bool Equals(ReadOnlySpan<NameToken> tokens, int start, Phrase<T> p)
    {
        var t = p.Tokens;
        for (int k = 0; k < t.Length; k++)
        {
            if (!string.Equals(tokens[start + k].Match, t[k], StringComparison.Ordinal)) return false;
        }
        return true;
    }

    public bool ContainsWord(string match) => TryGetByFirst(match, out var list) && list[^1].Tokens.Length == 1;

    /// <summary>Longest phrase starting at token <paramref name="start"/> and ending before <paramref name="limit"/>.</summary>
    public Phrase<T>? MatchAt(ReadOnlySpan<NameToken> tokens, int start, int limit, Func<Phrase<T>, bool>? accept = null)
    {
        if (start >= limit || !TryGetByFirst(tokens[start].Match, out var candidates)) return null;
        foreach (var p in candidates)
        {
            int n = p.Tokens.Length;
            if (start + n > limit) continue;
            bool ok = true;
            for (int k = 1; k < n && ok; k++) ok = string.Equals(tokens[start + k].Match, p.Tokens[k], StringComparison.Ordinal);
            if (ok && (accept == null || accept(p))) return p;
        }
        return null;
    }

    /// <summary>Longest phrase ending just before token index <paramref name="endExclusive"/> and starting at or after <paramref name="floor"/>.</summary>
    public Phrase<T>? MatchEndingAt(ReadOnlySpan<NameToken> tokens, int endExclusive, int floor, Func<Phrase<T>, bool>? accept = null)
    {
        if (endExclusive <= floor || !TryGetByLast(tokens[endExclusive - 1].Match, out var candidates)) return null;
        foreach (var p in candidates)
        {
            int n = p.Tokens.Length;
            int s = endExclusive - n;
            if (s < floor) continue;
            bool ok = true;
            for (int k = 0; k < n - 1 && ok; k++) ok = string.Equals(tokens[s + k].Match, p.Tokens[k], StringComparison.Ordinal);
            if (ok && (accept == null || accept(p))) return p;
        }
        return null;
    }

    /// <summary>First phrase occurring anywhere in [from, limit).</summary>
    public (int Index, Phrase<T> Phrase)? FindFirst(ReadOnlySpan<NameToken> tokens, int from, int limit)
    {
        for (int i = from; i < limit; i++)
        {
            var p = MatchAt(tokens, i, limit);
            if (p != null) return (i, p);
        }
        return null;
    }

    public bool TryGetSingle(string match, out T value)
    {
        if (TryGetByFirst(match, out var list) && list[^1].Tokens.Length == 1)
        {
            value = list[^1].Value;
            return true;
        }
        value = default!;
        return false;
    }
}
