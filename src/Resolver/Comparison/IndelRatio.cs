namespace Names.Resolver.Comparison;

/// <summary>
/// Similarity 0-100 from the insert/delete edit distance, as FuzzySharp's Ratio computes it ((len1+len2-dist)/(len1+len2)),
/// without allocations: used on hot paths where FuzzySharp's string preprocessing dominates the cost.
/// </summary>
public static class IndelRatio
{
    public static int Ratio(string a, string b)
    {
        int total = a.Length + b.Length;
        if (total == 0) return 100;
        if (a.Length > 512 || b.Length > 512) return FuzzySharp.Fuzz.Ratio(a, b);
        // Indel distance = len1 + len2 - 2 * LCS; LCS by dynamic programming over one row.
        Span<int> row = stackalloc int[b.Length + 1];
        row.Clear();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = 0;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = a[i - 1] == b[j - 1] ? diagonal + 1 : Math.Max(above, row[j - 1]);
                diagonal = above;
            }
        }
        int lcs = row[b.Length];
        return (int)Math.Round(200.0 * lcs / total);
    }
}
