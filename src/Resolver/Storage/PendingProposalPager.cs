using System.Globalization;
using SqlQuery = (string Sql, System.Collections.Generic.IReadOnlyList<(string Name, object Value)> Parameters);

namespace Names.Resolver.Storage;

/// <summary>
/// Assembles one page of the review queue from <see cref="PendingProposalSql"/>'s statements, for either store (the
/// store runs each statement and hands back its rows). A page costs what lies before it in the score index (walked, never
/// sorted) plus its own rows, however large the group of equal distance it falls in:
/// <list type="number">
/// <item>the distances of its first and last rows (<see cref="PendingProposalSql.Cutoff"/>) and how many rows lie nearer
/// the boundary than the first (<see cref="PendingProposalSql.CountNearer"/>);</item>
/// <item>the distinct scores between those distances (a loose index scan), grouped by distance;</item>
/// <item>per group, its rows merged from one (score, variants desc, id) index range per score
/// (<see cref="PendingProposalSql.GroupPage"/>), skipping into the first group.</item>
/// </list>
/// A page spanning very many distinct scores (a huge limit) sorts its range instead (<see cref="PendingProposalSql.RangePage"/>).
/// </summary>
internal static class PendingProposalPager
{
    /// <summary>Distinct scores read beyond the page's own rows before the range is sorted instead.</summary>
    private const int ScoreMargin = 64;
    /// <summary>Most scores one group merges (one index range each); a group with more is sorted instead.</summary>
    private const int MaxMergedScores = 32;
    /// <summary>Scores lie in [0, 1]: this far from any boundary in it reaches every score.</summary>
    private const double Everything = 2.0;

    /// <summary>The ids of rows [offset, offset + limit) of the queue, in queue order.</summary>
    public static async Task<IReadOnlyList<long>> PageAsync(PendingProposalQuery q, long offset, long limit, Func<SqlQuery, Task<List<object?[]>>> rows)
    {
        if (limit <= 0) return [];
        async Task<object?> Scalar(SqlQuery query) => (await rows(query)).FirstOrDefault()?[0];
        var first = await Scalar(PendingProposalSql.Cutoff(q, offset + 1));
        if (first is null) return [];
        var last = limit >= int.MaxValue ? null : await Scalar(PendingProposalSql.Cutoff(q, offset + limit)); // null: the page runs to the end
        var skip = offset == 0 ? 0 : offset - Convert.ToInt64(await Scalar(PendingProposalSql.CountNearer(q, first)), CultureInfo.InvariantCulture);

        double b = q.Boundary, dFirst = Number(first), reach = (last is null ? Everything : Number(last)) + PendingProposalSql.RangeSlack;
        var cap = (int)Math.Min(limit, 10_000) + ScoreMargin;
        var below = await rows(PendingProposalSql.DistinctScores(b, b - reach, b - dFirst + PendingProposalSql.RangeSlack, cap));
        var above = await rows(PendingProposalSql.DistinctScores(b, b + dFirst - PendingProposalSql.RangeSlack, b + reach, cap));
        var groups = below.Concat(above)
            .Select(r => (Score: Number(r[0]!), Distance: Number(r[1]!)))
            .Where(s => s.Distance >= dFirst && (last is null || s.Distance <= Number(last)))
            .DistinctBy(s => s.Score)
            .GroupBy(s => s.Distance, s => s.Score).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        if (below.Count >= cap || above.Count >= cap || groups.Any(g => g.Count > MaxMergedScores))
            return (await rows(PendingProposalSql.RangePage(q, first, last, skip, limit))).Select(r => Id(r[0])).ToList();

        var ids = new List<long>();
        foreach (var scores in groups)
        {
            ids.AddRange((await rows(PendingProposalSql.GroupPage(q, scores, skip, limit - ids.Count))).Select(r => Id(r[0])));
            skip = 0;
            if (ids.Count >= limit) break;
        }
        return ids;
    }

    private static double Number(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static long Id(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
