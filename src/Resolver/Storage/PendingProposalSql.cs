using System.Globalization;

namespace Names.Resolver.Storage;

/// <summary>
/// The review queue's SQL, one text for SQLite and PostgreSQL (named parameters, functions both have). Queue order:
/// distance of the score from the boundary (rounded to 6 decimals, so 0.68 and 0.72 tie around 0.7), then the two
/// entities' variant counts (absorbed ids followed to their survivors) descending, then proposal id.
/// A page costs what its rows cost, whatever the queue size:
/// <list type="number">
/// <item><see cref="Cutoff"/> walks the pending proposals' score index (<c>ix_proposals_status_score</c>) outwards
/// from the boundary, up and down, and finds the distance of the (offset + limit)-th proposal;</item>
/// <item><see cref="Page"/> reads only the proposals within that distance (the score range around the boundary, ties
/// included), counts their entities' variants and sorts those.</item>
/// </list>
/// Survivors are followed through a recursive walk over the absorbed entities only (<c>ix_entities_absorbed</c>).
/// </summary>
internal static class PendingProposalSql
{
    /// <summary>Beyond the rounding of the distance, so the score range never cuts a proposal at the cutoff distance off.</summary>
    private const double RangeSlack = 1e-6;

    private const string Distance = "round(CAST(abs(p.score - @boundary) AS NUMERIC), 6)";

    private const string Survivors = """
        WITH RECURSIVE hop(id, target, depth) AS (
            SELECT id, survivor_id, 1 FROM entities WHERE status = 'absorbed'
            UNION ALL
            SELECT h.id, e.survivor_id, h.depth + 1 FROM hop h JOIN entities e ON e.id = h.target
            WHERE e.status = 'absorbed' AND h.depth < 64),
        survivor(id, target) AS (SELECT h.id, h.target FROM hop h JOIN entities e ON e.id = h.target WHERE e.status <> 'absorbed')

        """;

    private const string CurrentEntities = """
        LEFT JOIN survivor sa ON sa.id = p.entity_a
        LEFT JOIN survivor sb ON sb.id = p.entity_b
        JOIN entities ea ON ea.id = COALESCE(sa.target, p.entity_a)
        JOIN entities eb ON eb.id = COALESCE(sb.target, p.entity_b)
        """;

    public const string ProposalColumns = "p.id, p.entity_a, p.entity_b, p.score, p.explanation, p.status, p.created, p.decided_by, p.contributions";

    /// <summary>
    /// One value: the distance of the <paramref name="rank"/>-th (1-based) proposal in queue order, or no row when fewer
    /// proposals pass the filter.
    /// </summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) Cutoff(PendingProposalQuery q, long rank)
    {
        var parameters = Parameters(q);
        parameters.Add(("rank", rank));
        parameters.Add(("skip", rank - 1));
        var from = "FROM proposals p\n" + (q.NeedsEntities ? CurrentEntities : "");
        var where = "WHERE p.status = 'pending'" + Filters(q);
        var sql = (q.NeedsEntities ? Survivors : "") + $"""
            SELECT d FROM (
                SELECT d FROM (SELECT {Distance} AS d {from} {where} AND p.score >= @boundary ORDER BY p.score LIMIT @rank) up
                UNION ALL
                SELECT d FROM (SELECT {Distance} AS d {from} {where} AND p.score < @boundary ORDER BY p.score DESC LIMIT @rank) down
            ) near ORDER BY d LIMIT 1 OFFSET @skip
            """;
        return (sql, parameters);
    }

    /// <summary>
    /// The page's proposals (<see cref="ProposalColumns"/>), in queue order; <paramref name="cutoff"/> is what
    /// <see cref="Cutoff"/> gave for rank offset + limit (null: no cutoff).
    /// </summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) Page(PendingProposalQuery q, object? cutoff, long offset, long limit)
    {
        var parameters = Parameters(q);
        parameters.Add(("offset", offset));
        parameters.Add(("limit", limit));
        var range = "";
        if (cutoff is not null)
        {
            var d = Convert.ToDouble(cutoff, CultureInfo.InvariantCulture);
            parameters.Add(("low", q.Boundary - d - RangeSlack));
            parameters.Add(("high", q.Boundary + d + RangeSlack));
            parameters.Add(("cutoff", cutoff));
            range = $" AND p.score BETWEEN @low AND @high AND {Distance} <= @cutoff";
        }
        var sql = Survivors + $"""
            SELECT {ProposalColumns} FROM proposals p
            {CurrentEntities}
            WHERE p.status = 'pending'{range}{Filters(q)}
            ORDER BY {Distance},
                (SELECT COUNT(*) FROM variants v WHERE v.entity_id = ea.id) + (SELECT COUNT(*) FROM variants v WHERE v.entity_id = eb.id) DESC,
                p.id
            LIMIT @limit OFFSET @offset
            """;
        return (sql, parameters);
    }

    /// <summary>One value: how many pending proposals pass the filter.</summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) Count(PendingProposalQuery q) =>
        ((q.NeedsEntities ? Survivors : "") + "SELECT COUNT(*) FROM proposals p\n" + (q.NeedsEntities ? CurrentEntities : "")
            + "WHERE p.status = 'pending'" + Filters(q), Parameters(q));

    private static List<(string Name, object Value)> Parameters(PendingProposalQuery q)
    {
        var list = new List<(string, object)> { ("boundary", q.Boundary) };
        if (q.Kind is not null) list.Add(("kind", q.Kind));
        if (q.Country is not null) list.Add(("country", q.Country));
        if (q.MinScore is not null) list.Add(("minScore", q.MinScore.Value));
        if (q.MaxScore is not null) list.Add(("maxScore", q.MaxScore.Value));
        if (q.Source is not null)
        {
            list.Add(("source", q.Source));
            // The file name alone matches too: the path ends with "/" + name (LIKE wildcards in the name taken literally).
            list.Add(("sourcePath", "%/" + q.Source.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_")));
        }
        if (q.NotSkippedBy is not null) list.Add(("reviewer", q.NotSkippedBy));
        return list;
    }

    private static string Filters(PendingProposalQuery q)
    {
        var sql = "";
        if (q.MinScore is not null) sql += " AND p.score >= @minScore";
        if (q.MaxScore is not null) sql += " AND p.score <= @maxScore";
        if (q.Kind is not null) sql += " AND (lower(ea.kind) = @kind OR lower(eb.kind) = @kind)";
        if (q.Country is not null)
            sql += " AND EXISTS (SELECT 1 FROM variants v WHERE v.entity_id IN (ea.id, eb.id) AND upper(v.country) = @country)";
        if (q.Source is not null)
            sql += @" AND EXISTS (SELECT 1 FROM variants v WHERE v.entity_id IN (ea.id, eb.id) AND (lower(v.source_file) = @source OR lower(v.source_file) LIKE @sourcePath ESCAPE '\'))";
        if (q.NotSkippedBy is not null)
            sql += " AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.proposal_id = p.id AND d.actor = @reviewer AND d.status = 'skipped' AND d.undone_by IS NULL)";
        return sql;
    }
}
