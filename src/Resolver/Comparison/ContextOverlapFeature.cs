namespace Names.Resolver.Comparison;

/// <summary>Overlap of a multi-valued context column (co-applicants, classes, places, dates ...) when both sides have it.</summary>
public sealed class ContextOverlapFeature(string column) : IComparisonFeature
{
    public string Column { get; } = column;
    public string Name => "context:" + Column;
    public IReadOnlyList<string> Levels { get; } = ["nothing in common", "some in common", "mostly in common"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (!a.Context.TryGetValue(Column, out var sa) || !b.Context.TryGetValue(Column, out var sb) || sa.Count == 0 || sb.Count == 0)
            return IComparisonFeature.NotComparable;
        int shared = sa.Count <= sb.Count ? sa.Count(sb.Contains) : sb.Count(sa.Contains);
        if (shared == 0) return 0;
        return shared * 2 >= Math.Min(sa.Count, sb.Count) ? 2 : 1;
    }
}
