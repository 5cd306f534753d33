using System.Globalization;
using SqlQuery = (string Sql, System.Collections.Generic.IReadOnlyList<(string Name, object Value)> Parameters);

namespace Names.Resolver.Storage;

/// <summary>
/// Recounts from the variants, entities and proposals what the schema maintains for the review queue (entities'
/// variant counts, their countries and source files, and the review_queue rows) and reports every difference (used by
/// <see cref="IRegistryStore.CheckReviewQueueAsync"/>, so by `names verify`). One SQL text per check for both stores.
/// </summary>
internal static class ReviewQueueCheck
{
    /// <summary>Differences reported per check at most (a wrong trigger would otherwise list every row).</summary>
    private const int Shown = 20;

    public static async Task<IReadOnlyList<string>> RunAsync(Func<SqlQuery, Task<List<object?[]>>> rows)
    {
        var problems = new List<string>();
        foreach (var r in await rows((VariantCounts, [])))
            problems.Add($"entity {r[0]}: variant count {Text(r[1])} stored, {Text(r[2])} counted");
        foreach (var (table, column, expression) in new[] { ("entity_countries", "country", "upper(v.country)"), ("entity_sources", "source", "lower(v.source_file)") })
            foreach (var r in await rows((Spread(table, column, expression), [])))
                problems.Add($"entity {r[0]}: {Text(r[2])} variants with {column} '{r[1]}' stored in {table}, {Text(r[3])} counted");
        foreach (var r in await rows((QueueRows, [])))
            problems.Add($"review queue, proposal {r[0]}: stored {Row(r[1], r[2], r[3], r[4])}, expected {Row(r[5], r[6], r[7], r[8])}");
        foreach (var r in await rows((StrayQueueRows, [])))
            problems.Add($"review queue, proposal {r[0]}: queued but not pending");
        return problems;
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "none";

    private static string Row(object? score, object? a, object? b, object? variants) =>
        $"(score {Text(score)}, entities {Text(a)} and {Text(b)}, {Text(variants)} variants)";

    private static readonly string VariantCounts = $"""
        SELECT e.id, e.variant_count, COALESCE(c.n, 0) FROM entities e
        LEFT JOIN (SELECT entity_id, COUNT(*) AS n FROM variants GROUP BY entity_id) c ON c.entity_id = e.id
        WHERE e.variant_count <> COALESCE(c.n, 0) ORDER BY e.id LIMIT {Shown}
        """;

    /// <summary>Both directions (no FULL JOIN in the SQLite this runs on): counted but stored wrong or not at all, and stored but not counted.</summary>
    private static string Spread(string table, string column, string expression) => $"""
        SELECT * FROM (
            SELECT t.entity_id, t.value, m.variants, t.n FROM (SELECT v.entity_id, {expression} AS value, COUNT(*) AS n FROM variants v GROUP BY 1, 2) t
            LEFT JOIN {table} m ON m.entity_id = t.entity_id AND m.{column} = t.value
            WHERE m.variants IS NULL OR m.variants <> t.n
            UNION ALL
            SELECT m.entity_id, m.{column}, m.variants, 0 FROM {table} m
            WHERE NOT EXISTS (SELECT 1 FROM variants v WHERE v.entity_id = m.entity_id AND {expression} = m.{column})
        ) wrong ORDER BY 1, 2 LIMIT {Shown}
        """;

    /// <summary>Every pending proposal's row against its entities as they are now (absorbed ids followed) and their variants counted.</summary>
    private static readonly string QueueRows = $"""
        WITH RECURSIVE hop(id, target, depth) AS (
            SELECT id, survivor_id, 1 FROM entities WHERE status = 'absorbed'
            UNION ALL
            SELECT h.id, e.survivor_id, h.depth + 1 FROM hop h JOIN entities e ON e.id = h.target WHERE e.status = 'absorbed' AND h.depth < 64),
        survivor(id, target) AS (SELECT h.id, h.target FROM hop h JOIN entities e ON e.id = h.target WHERE e.status <> 'absorbed'),
        truth(id, score, a, b) AS (
            SELECT p.id, p.score, COALESCE(sa.target, p.entity_a), COALESCE(sb.target, p.entity_b) FROM proposals p
            LEFT JOIN survivor sa ON sa.id = p.entity_a LEFT JOIN survivor sb ON sb.id = p.entity_b WHERE p.status = 'pending'),
        counted(id, score, a, b, n) AS (
            SELECT t.id, t.score, t.a, t.b,
                (SELECT COUNT(*) FROM variants v WHERE v.entity_id = t.a) + (SELECT COUNT(*) FROM variants v WHERE v.entity_id = t.b) FROM truth t)
        SELECT t.id, q.score, q.current_a, q.current_b, q.variants, t.score, t.a, t.b, t.n FROM counted t
        LEFT JOIN review_queue q ON q.proposal_id = t.id
        WHERE q.proposal_id IS NULL OR q.score <> t.score OR COALESCE(q.current_a, '') <> t.a OR COALESCE(q.current_b, '') <> t.b OR q.variants <> t.n
        ORDER BY t.id LIMIT {Shown}
        """;

    private static readonly string StrayQueueRows = $"""
        SELECT q.proposal_id FROM review_queue q LEFT JOIN proposals p ON p.id = q.proposal_id
        WHERE p.id IS NULL OR p.status <> 'pending' ORDER BY q.proposal_id LIMIT {Shown}
        """;
}
