using System.Globalization;
using SqlQuery = (string Sql, System.Collections.Generic.IReadOnlyList<(string Name, object Value)> Parameters);

namespace Names.Resolver.Storage;

/// <summary>
/// Pages and counts the review queue with <see cref="PendingProposalSql"/>'s statements, for either store (the store
/// runs each statement and hands back its rows). A page costs what lies before it in the score index (walked and
/// counted, never sorted) plus its own rows, however large the group of equal distance it falls in:
/// <list type="number">
/// <item>the distances of its first and last rows (<see cref="PendingProposalSql.Window"/>) and how many rows lie
/// nearer the boundary than the first (<see cref="PendingProposalSql.CountNearer"/>);</item>
/// <item>the distinct scores between those distances (a loose index scan), grouped by distance;</item>
/// <item>per group, its rows merged from one (score, variants desc, id) index range per score
/// (<see cref="PendingProposalSql.GroupPage"/>), skipping into the first group.</item>
/// </list>
/// A page in the second half of the queue is found the same way from the end (reverse order).
/// A country or source filter that few entities pass is answered from those entities instead
/// (<see cref="PendingProposalSql.CandidatePage"/>, <see cref="PendingProposalSql.CountCandidates"/>): it costs what passes.
/// A page spanning very many distinct scores (a huge limit) sorts its range (<see cref="PendingProposalSql.RangePage"/>).
/// </summary>
internal static class PendingProposalPager
{
    /// <summary>Distinct scores read beyond the page's own rows before the range is sorted instead.</summary>
    private const int ScoreMargin = 64;
    /// <summary>Most scores one group merges (one index range each); a group with more is sorted instead.</summary>
    private const int MaxMergedScores = 32;
    /// <summary>From this offset on, the queue is counted to see whether the page is nearer its end.</summary>
    private const long FromEndAfter = 1000;

    /// <summary>The ids of rows [offset, offset + limit) of the queue, in queue order (<paramref name="countWhole"/>: see <see cref="CountAsync"/>).</summary>
    public static async Task<IReadOnlyList<long>> PageAsync(PendingProposalQuery q, long offset, long limit, Func<SqlQuery, Task<List<object?[]>>> rows, bool countWhole)
    {
        if (limit <= 0) return [];
        var (query, byCountry) = await PlanAsync(q, rows);
        if (query is null) return [];
        if (byCountry is { } by) return Ids(await rows(PendingProposalSql.CandidatePage(query, by, offset, limit)));

        // A page nearer the end than the start is found from the end (reverse queue order, mirrored offset), so the last
        // page too costs its rows.
        var (fromEnd, skipWindow, take) = (false, offset, limit);
        if (offset >= FromEndAfter)
        {
            var total = Convert.ToInt64((await rows(PendingProposalSql.Count(query, countWhole)))[0][0], CultureInfo.InvariantCulture);
            if (offset >= total) return [];
            var end = Math.Min(total, offset + limit);
            if (offset > total / 2) (fromEnd, skipWindow, take) = (true, total - end, end - offset);
        }
        // Deep pages walk many rows: on PostgreSQL each is then checked against the filter's whole entity sets.
        var whole = countWhole && offset >= FromEndAfter;
        var window = (await rows(PendingProposalSql.Window(query, skipWindow, take, fromEnd, whole)))[0];
        if (Convert.ToInt64(window[2], CultureInfo.InvariantCulture) == 0) return [];
        object first = window[0]!, last = window[1]!; // nearest and farthest distance on the page
        async Task<long> Before(bool reverse) => reverse
            ? skipWindow == 0 ? 0 : skipWindow - Convert.ToInt64((await rows(PendingProposalSql.CountFarther(query, last, whole)))[0][0], CultureInfo.InvariantCulture)
            : offset == 0 ? 0 : offset - Convert.ToInt64((await rows(PendingProposalSql.CountNearer(query, first, whole)))[0][0], CultureInfo.InvariantCulture);

        double b = query.Boundary, dFirst = Number(first), dLast = Number(last), slack = PendingProposalSql.RangeSlack;
        var cap = (int)Math.Min(take, 10_000) + ScoreMargin;
        var below = await rows(PendingProposalSql.DistinctScores(b, b - dLast - slack, b - dFirst + slack, cap));
        var above = await rows(PendingProposalSql.DistinctScores(b, b + dFirst - slack, b + dLast + slack, cap));
        var groups = below.Concat(above)
            .Select(r => (Score: Number(r[0]!), Distance: Number(r[1]!)))
            .Where(s => s.Distance >= dFirst && s.Distance <= dLast)
            .DistinctBy(s => s.Score)
            .GroupBy(s => s.Distance, s => s.Score).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        if (below.Count >= cap || above.Count >= cap || groups.Any(g => g.Count > MaxMergedScores))
            return Ids(await rows(PendingProposalSql.RangePage(query, first, last, await Before(reverse: false), take)));

        if (fromEnd) groups.Reverse();
        var skip = await Before(fromEnd);
        var ids = new List<long>();
        foreach (var scores in groups)
        {
            ids.AddRange(Ids(await rows(PendingProposalSql.GroupPage(query, scores, skip, take - ids.Count, fromEnd, whole))));
            skip = 0;
            if (ids.Count >= take) break;
        }
        if (fromEnd) ids.Reverse();
        return ids;
    }

    /// <summary>
    /// How many pending proposals pass the filter. <paramref name="countWhole"/>: a queue walked whole is checked against
    /// each filter's whole entity set, hashed once (PostgreSQL), rather than probed row by row (SQLite, where probes are cheaper).
    /// </summary>
    public static async Task<int> CountAsync(PendingProposalQuery q, Func<SqlQuery, Task<List<object?[]>>> rows, bool countWhole)
    {
        var (query, byCountry) = await PlanAsync(q, rows);
        if (query is null) return 0;
        var count = byCountry is { } by ? PendingProposalSql.CountCandidates(query, by) : PendingProposalSql.Count(query, countWhole);
        return Convert.ToInt32((await rows(count))[0][0], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The query with its source files resolved (null: the source filter matches no file, so nothing passes), and
    /// whether to start from the entities the country (true) or source (false) filter names: when fewer than half as many
    /// entities pass as proposals are queued (null: walk the queue).
    /// </summary>
    private static async Task<(PendingProposalQuery? Query, bool? ByCountry)> PlanAsync(PendingProposalQuery q, Func<SqlQuery, Task<List<object?[]>>> rows)
    {
        if (q.Source is not null)
        {
            var sources = (await rows(PendingProposalSql.MatchingSources(q))).Select(r => (string)r[0]!).ToList();
            if (sources.Count == 0) return (null, null);
            q = q with { SourceValues = sources };
        }
        if (q.Country is null && q.Source is null) return (q, null);
        async Task<long> Scalar(SqlQuery query) => Convert.ToInt64((await rows(query))[0][0], CultureInfo.InvariantCulture);
        var queued = await Scalar(PendingProposalSql.QueueSize());
        long country = q.Country is null ? long.MaxValue : await Scalar(PendingProposalSql.EntitiesWith(q, byCountry: true));
        long source = q.Source is null ? long.MaxValue : await Scalar(PendingProposalSql.EntitiesWith(q, byCountry: false));
        var byCountry = country <= source;
        return (q, Math.Min(country, source) * 2 < queued ? byCountry : null);
    }

    private static List<long> Ids(List<object?[]> rows) => rows.Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)).ToList();

    private static double Number(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);
}
