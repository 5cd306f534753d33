using System.Globalization;

namespace Names.Resolver.Storage;

/// <summary>
/// The review queue's SQL, one text for SQLite and PostgreSQL (named parameters, functions both have), over
/// <c>review_queue</c>: one row per pending proposal with its score, the two entities it names as they are now (absorbed
/// ids followed) and their variant counts summed, kept current by the schema's triggers and <see cref="ReviewQueueRefresh"/>.
/// Queue order: distance of the score from the boundary (rounded to 6 decimals, so 0.68 and 0.72 tie around 0.7), then
/// that variant sum descending, then proposal id. <see cref="PendingProposalPager"/> puts the statements together.
/// </summary>
internal static class PendingProposalSql
{
    /// <summary>Beyond the rounding of the distance, so a score range never cuts a proposal at a cutoff distance off.</summary>
    public const double RangeSlack = 1e-6;

    private const string Distance = "round(CAST(abs(q.score - @boundary) AS NUMERIC), 6)";

    public const string ProposalColumns = "p.id, p.entity_a, p.entity_b, p.score, p.explanation, p.status, p.created, p.decided_by, p.contributions";

    /// <summary>
    /// One row (min, max, count) over the distances of rows [<paramref name="offset"/>, offset + <paramref name="limit"/>)
    /// in queue order, or with <paramref name="fromEnd"/> in reverse queue order: the distances the page spans and how
    /// many rows it holds (0: none). Walks the score index outwards from the boundary (from the ends inwards when
    /// <paramref name="fromEnd"/>), up and down, offset + limit rows at most each way: costs the offset, never the queue.
    /// </summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) Window(PendingProposalQuery q, long offset, long limit, bool fromEnd, bool whole)
    {
        var parameters = Parameters(q);
        parameters.Add(("rank", offset + limit));
        parameters.Add(("skip", offset));
        parameters.Add(("take", limit));
        var where = "WHERE 1 = 1" + Filters(q, whole: whole);
        var (up, down, order) = fromEnd ? ("DESC", "", "DESC") : ("", "DESC", "");
        return ($"""
            SELECT MIN(d), MAX(d), COUNT(*) FROM (
                SELECT d FROM (
                    SELECT d FROM (SELECT {Distance} AS d FROM review_queue q {where} AND q.score >= @boundary ORDER BY q.score {up} LIMIT @rank) up
                    UNION ALL
                    SELECT d FROM (SELECT {Distance} AS d FROM review_queue q {where} AND q.score < @boundary ORDER BY q.score {down} LIMIT @rank) down
                ) near ORDER BY d {order} LIMIT @take OFFSET @skip) page
            """, parameters);
    }

    /// <summary>
    /// One value: how many proposals passing the filter lie farther from the boundary than <paramref name="distance"/>:
    /// the two index ranges outside boundary ± distance (every farther row is there; of the rows at that distance only
    /// those the rounding pushed outside).
    /// </summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) CountFarther(PendingProposalQuery q, object distance, bool whole)
    {
        var parameters = DistanceParameters(q, distance);
        var filters = Filters(q, whole: whole);
        return ($"""
            SELECT (SELECT COUNT(*) FROM review_queue q WHERE q.score <= @low AND {Distance} > @distance{filters})
                + (SELECT COUNT(*) FROM review_queue q WHERE q.score >= @high AND {Distance} > @distance{filters})
            """, parameters);
    }

    /// <summary>
    /// One value: how many proposals passing the filter lie nearer the boundary than <paramref name="distance"/>: an index
    /// range strictly inside boundary ± distance (every nearer row is; of the rows at that distance only those the
    /// rounding pulled inside, so the range stops short of a group of equal scores at the distance).
    /// </summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) CountNearer(PendingProposalQuery q, object distance, bool whole)
    {
        var parameters = DistanceParameters(q, distance);
        return ($"SELECT COUNT(*) FROM review_queue q WHERE q.score > @low AND q.score < @high AND {Distance} < @distance" + Filters(q, whole: whole), parameters);
    }

    /// <summary>The filter's parameters plus the score range boundary ± <paramref name="distance"/> and the distance itself.</summary>
    private static List<(string Name, object Value)> DistanceParameters(PendingProposalQuery q, object distance)
    {
        var d = Convert.ToDouble(distance, CultureInfo.InvariantCulture);
        var parameters = Parameters(q);
        parameters.Add(("low", q.Boundary - d));
        parameters.Add(("high", q.Boundary + d));
        parameters.Add(("distance", distance));
        return parameters;
    }

    /// <summary>
    /// Rows (score, distance): the distinct scores of the queue from <paramref name="from"/> up to <paramref name="to"/>
    /// (inclusive), ascending, at most <paramref name="cap"/>; a loose index scan (one index probe per value).
    /// </summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) DistinctScores(double boundary, double from, double to, int cap) =>
        ("""
         WITH RECURSIVE s(v) AS (
             SELECT (SELECT MIN(score) FROM review_queue WHERE score >= @from)
             UNION ALL
             SELECT (SELECT MIN(score) FROM review_queue WHERE score > s.v) FROM s WHERE s.v < @to)
         SELECT v, round(CAST(abs(v - @boundary) AS NUMERIC), 6) FROM s WHERE v <= @to LIMIT @cap
         """, [("from", from), ("to", to), ("boundary", boundary), ("cap", (long)cap)]);

    /// <summary>
    /// Rows (proposal id): one group of equal distance (the proposals whose score is one of <paramref name="scores"/>), in
    /// queue order (<paramref name="fromEnd"/>: reverse queue order), rows [skip, skip + take). Each score is an index
    /// range already in (variants desc, id) order, read forwards or backwards, and the ranges are merged, so this costs
    /// skip + take rows, not the group.
    /// </summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) GroupPage(PendingProposalQuery q, IReadOnlyList<double> scores, long skip, long take, bool fromEnd, bool whole)
    {
        var parameters = Parameters(q);
        parameters.Add(("skip", skip));
        parameters.Add(("take", take));
        var arms = new List<string>();
        for (int i = 0; i < scores.Count; i++)
        {
            parameters.Add(($"s{i}", scores[i]));
            arms.Add($"SELECT q.proposal_id AS id, q.variants AS n FROM review_queue q WHERE q.score = @s{i}{Filters(q, whole: whole)}");
        }
        return (string.Join("\nUNION ALL\n", arms) + (fromEnd ? "\nORDER BY n, id DESC" : "\nORDER BY n DESC, id") + " LIMIT @take OFFSET @skip", parameters);
    }

    /// <summary>
    /// Rows (proposal id) in queue order from distance <paramref name="first"/> up to <paramref name="last"/> (null: to the
    /// end), rows [skip, skip + take) of that range: sorts the whole range. For a page spanning very many distinct scores.
    /// </summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) RangePage(PendingProposalQuery q, object first, object? last, long skip, long take)
    {
        var parameters = Parameters(q);
        parameters.Add(("first", first));
        parameters.Add(("skip", skip));
        parameters.Add(("take", take));
        var range = $"{Distance} >= @first";
        if (last is not null)
        {
            var d = Convert.ToDouble(last, CultureInfo.InvariantCulture);
            parameters.Add(("low", q.Boundary - d - RangeSlack));
            parameters.Add(("high", q.Boundary + d + RangeSlack));
            parameters.Add(("last", last));
            range += $" AND q.score BETWEEN @low AND @high AND {Distance} <= @last";
        }
        return ($"SELECT q.proposal_id FROM review_queue q WHERE {range}{Filters(q)} ORDER BY {Distance}, q.variants DESC, q.proposal_id LIMIT @take OFFSET @skip",
            parameters);
    }

    /// <summary>Rows (<see cref="ProposalColumns"/>): the proposals with these ids, in no particular order.</summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) Proposals(IReadOnlyList<long> ids)
    {
        var parameters = new List<(string Name, object Value)>();
        for (int i = 0; i < ids.Count; i++) parameters.Add(($"i{i}", ids[i]));
        return ($"SELECT {ProposalColumns} FROM proposals p WHERE p.id IN ({string.Join(", ", parameters.Select(p => "@" + p.Name))})", parameters);
    }

    /// <summary>One value: how many pending proposals pass the filter, each queue row checked (<paramref name="whole"/>: see Filters).</summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) Count(PendingProposalQuery q, bool whole) =>
        ("SELECT COUNT(*) FROM review_queue q WHERE 1 = 1" + Filters(q, whole: whole), Parameters(q));

    /// <summary>One value: how many pending proposals there are (no filter).</summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) QueueSize() => ("SELECT COUNT(*) FROM review_queue", []);

    /// <summary>Rows (source): the stored source files the Source filter matches (a loose scan over the few distinct ones).</summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) MatchingSources(PendingProposalQuery q) =>
        ("""
         WITH RECURSIVE s(v) AS (
             SELECT (SELECT MIN(source) FROM entity_sources)
             UNION ALL
             SELECT (SELECT MIN(source) FROM entity_sources WHERE source > s.v) FROM s WHERE s.v IS NOT NULL)
         SELECT v FROM s WHERE v = @source OR v LIKE @sourcePath ESCAPE '\'
         """, Parameters(q).Where(p => p.Name is "source" or "sourcePath").ToList());

    /// <summary>One value: how many entities have a variant from the filter's country (<paramref name="byCountry"/>) or source files.</summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) EntitiesWith(PendingProposalQuery q, bool byCountry)
    {
        var parameters = Parameters(q);
        return (byCountry ? "SELECT COUNT(*) FROM entity_countries WHERE country = @country"
            : $"SELECT COUNT(*) FROM entity_sources WHERE source IN ({SourceList(q)})", parameters);
    }

    /// <summary>
    /// The proposals naming an entity with a variant from the filter's country (<paramref name="byCountry"/>) or source
    /// files, found from those entities (two index joins): for a filter few entities pass, this costs what passes.
    /// </summary>
    private static string Candidates(PendingProposalQuery q, bool byCountry)
    {
        var (table, test) = byCountry ? ("entity_countries", "m.country = @country") : ("entity_sources", $"m.source IN ({SourceList(q)})");
        // Materialised first, so that a planner sorts what passes, not the queue.
        return $"""
            WITH candidate(id) AS MATERIALIZED (
                SELECT r.proposal_id FROM {table} m JOIN review_queue r ON r.current_a = m.entity_id WHERE {test}
                UNION
                SELECT r.proposal_id FROM {table} m JOIN review_queue r ON r.current_b = m.entity_id WHERE {test})
            """;
    }

    /// <summary>One value: as <see cref="Count"/>, from the entities the country or source filter names.</summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) CountCandidates(PendingProposalQuery q, bool byCountry) =>
        ($"{Candidates(q, byCountry)}\nSELECT COUNT(*) FROM candidate c JOIN review_queue q ON q.proposal_id = c.id WHERE 1 = 1{Filters(q, byCountry)}", Parameters(q));

    /// <summary>Rows (proposal id): rows [skip, skip + take) in queue order of the proposals passing the filter, from the entities it names (sorts what passes).</summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) CandidatePage(PendingProposalQuery q, bool byCountry, long skip, long take)
    {
        var parameters = Parameters(q);
        parameters.Add(("skip", skip));
        parameters.Add(("take", take));
        return ($"""
            {Candidates(q, byCountry)}
            SELECT q.proposal_id FROM candidate c JOIN review_queue q ON q.proposal_id = c.id WHERE 1 = 1{Filters(q, byCountry)}
            ORDER BY {Distance}, q.variants DESC, q.proposal_id LIMIT @take OFFSET @skip
            """, parameters);
    }

    private static string SourceList(PendingProposalQuery q) =>
        q.SourceValues is { Count: > 0 } values ? string.Join(", ", values.Select((_, i) => $"@src{i}")) : "NULL";

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
            for (int i = 0; i < (q.SourceValues?.Count ?? 0); i++) list.Add(($"src{i}", q.SourceValues![i]));
        }
        if (q.NotSkippedBy is not null) list.Add(("reviewer", q.NotSkippedBy));
        return list;
    }

    /// <summary>
    /// The filter as conditions on a queue row q: each a probe of a small per-entity table by primary key (kind: entities;
    /// country and source: entity_countries, entity_sources; sources as resolved in SourceValues), never a walk over the
    /// entities' variants.
    /// </summary>
    /// <param name="q">The query.</param>
    /// <param name="candidatesBy">Which filter the rows were already found by (true: country, false: source), so it is not checked again.</param>
    /// <param name="whole">Test each row against the whole set of entities passing (a planner hashes it once) instead
    /// of probing per row: for walking many rows on PostgreSQL, whose per-row subqueries cost 3-4 times more.</param>
    private static string Filters(PendingProposalQuery q, bool? candidatesBy = null, bool whole = false)
    {
        string Test(string set, string probe) => whole
            ? $" AND (q.current_a IN ({set}) OR q.current_b IN ({set}))"
            : $" AND EXISTS ({probe})";
        var sql = "";
        if (q.MinScore is not null) sql += " AND q.score >= @minScore";
        if (q.MaxScore is not null) sql += " AND q.score <= @maxScore";
        if (q.Kind is not null)
            sql += Test("SELECT id FROM entities WHERE lower(kind) = @kind",
                "SELECT 1 FROM entities e WHERE e.id IN (q.current_a, q.current_b) AND lower(e.kind) = @kind");
        if (q.Country is not null && candidatesBy != true)
            sql += Test("SELECT entity_id FROM entity_countries WHERE country = @country",
                "SELECT 1 FROM entity_countries c WHERE c.entity_id IN (q.current_a, q.current_b) AND c.country = @country");
        if (q.Source is not null && candidatesBy != false)
            sql += Test($"SELECT entity_id FROM entity_sources WHERE source IN ({SourceList(q)})",
                $"SELECT 1 FROM entity_sources s WHERE s.entity_id IN (q.current_a, q.current_b) AND s.source IN ({SourceList(q)})");
        if (q.NotSkippedBy is not null)
            sql += " AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.proposal_id = q.proposal_id AND d.actor = @reviewer AND d.status = 'skipped' AND d.undone_by IS NULL)";
        return sql;
    }
}
