namespace Names.Resolver.Comparison;

/// <summary>
/// Optimal-string-alignment (restricted Damerau-Levenshtein) distance: insertions, deletions, substitutions and
/// transpositions of adjacent letters each cost 1 (DONLAD / DONALD = 1). Bounded: returns max + 1 once the distance
/// exceeds <c>max</c>, so comparing two unrelated words stays cheap.
/// </summary>
public static class EditDistance
{
    public static int Distance(string a, string b, int max = int.MaxValue - 1)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        if (a.Length == 0 || b.Length == 0) return Math.Max(a.Length, b.Length);
        int w = b.Length + 1;
        Span<int> rows = (3 * w) <= 512 ? stackalloc int[3 * w] : new int[3 * w];
        var previous2 = rows[..w];
        var previous = rows.Slice(w, w);
        var current = rows.Slice(2 * w, w);
        for (int j = 0; j < w; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = i;
            for (int j = 1; j < w; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = Math.Min(d, previous2[j - 2] + 1);
                current[j] = d;
                rowMin = Math.Min(rowMin, d);
            }
            if (rowMin > max) return max + 1;
            // Rotate the three rows without copying.
            var t = previous2; previous2 = previous; previous = current; current = t;
        }
        return Math.Min(previous[b.Length], max + 1);
    }
}
