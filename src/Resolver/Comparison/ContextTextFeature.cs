namespace Names.Resolver.Comparison;

/// <summary>
/// A single-valued text context column of persons (birth place, postcode, occupation) with graded levels: equal,
/// similar (typo, jaro-winkler >= 0.9), sharing a word (TR11 5UB / TR11 5TS, NORTH NORFOLK / NORFOLK), or different.
/// Multi-valued cells (pooled context) take the best level over the value pairs.
/// </summary>
public sealed class ContextTextFeature(string column) : IComparisonFeature
{
    public const string Prefix = "text:";
    private const int MaxValues = 32;

    public string Column { get; } = column;
    public string Name => Prefix + Column;
    public IReadOnlyList<string> Levels { get; } = ["different", "share a word", "jaro-winkler >= 0.90", "equal"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (!a.Context.TryGetValue(Column, out var sa) || !b.Context.TryGetValue(Column, out var sb) || sa.Count == 0 || sb.Count == 0)
            return IComparisonFeature.NotComparable;
        int best = 0, ia = 0;
        foreach (var x in sa)
        {
            if (++ia > MaxValues) break;
            if (sb.Contains(x)) return 3;
            int ib = 0;
            foreach (var y in sb)
            {
                if (++ib > MaxValues) break;
                best = Math.Max(best, CompareValues(x, y));
            }
        }
        return best;
    }

    public static int CompareValues(string x, string y)
    {
        if (x == y) return 3;
        if (JaroWinkler.Similarity(x, y) >= 0.9) return 2;
        foreach (var w in x.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (w.Length >= 2 && y.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(w)) return 1;
        return 0;
    }
}
