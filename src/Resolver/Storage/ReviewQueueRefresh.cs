using SqlQuery = (string Sql, System.Collections.Generic.IReadOnlyList<(string Name, object Value)> Parameters);

namespace Names.Resolver.Storage;

/// <summary>
/// Follows the <c>review_queue</c> rows the schema's triggers could not complete (a trigger cannot walk a chain of
/// absorbed ids): rows of new proposals naming an absorbed id, of proposals pending again after an undo, and of
/// proposals naming an entity that was absorbed or made active again. Such rows wait with NULL entities; every writer
/// that can leave one runs this before it commits (the store's batch and merge, the online session's write, the review
/// decision plan). One SQL text per step for both stores.
/// </summary>
internal static class ReviewQueueRefresh
{
    private const int MaxHops = 64;

    /// <summary>
    /// Completes the waiting rows; first makes the rows naming <paramref name="entityIds"/> or any id their chains of
    /// absorbed ids lead to wait too (after an un-merge those rows must be followed again from the proposals' own ids).
    /// <paramref name="execute"/> runs one statement in the writer's transaction and returns the rows it changed.
    /// </summary>
    /// <param name="lockCounted">Lock the entities whose counts are read (PostgreSQL, FOR SHARE), so that a variant a
    /// concurrent writer is adding is waited for, not missed; SQLite writers are serialised anyway.</param>
    public static async Task RunAsync(Func<SqlQuery, Task<int>> execute, IReadOnlyCollection<string> entityIds, bool lockCounted)
    {
        if (entityIds.Count > 0) await execute(Reopen(entityIds));
        if (await execute((Start, [])) == 0) return;
        for (int hop = 0; hop < MaxHops && await execute((Hop, [])) > 0; hop++) { }
        if (lockCounted) await execute((LockCounted, []));
        await execute((Count, []));
    }

    /// <summary>
    /// Schema 6's migration, one text for both stores: a queue row for every pending proposal with its entities as they
    /// stand (chains of absorbed ids followed) and their variants counted, and the queue's indexes.
    /// </summary>
    public const string FillAtMigration = """
        WITH RECURSIVE hop(id, target, depth) AS (
            SELECT id, survivor_id, 1 FROM entities WHERE status = 'absorbed'
            UNION ALL
            SELECT h.id, e.survivor_id, h.depth + 1 FROM hop h JOIN entities e ON e.id = h.target WHERE e.status = 'absorbed' AND h.depth < 64),
        survivor(id, target) AS (SELECT h.id, h.target FROM hop h JOIN entities e ON e.id = h.target WHERE e.status <> 'absorbed')
        INSERT INTO review_queue(proposal_id, score, current_a, current_b)
        SELECT p.id, p.score, COALESCE(sa.target, p.entity_a), COALESCE(sb.target, p.entity_b) FROM proposals p
        LEFT JOIN survivor sa ON sa.id = p.entity_a LEFT JOIN survivor sb ON sb.id = p.entity_b WHERE p.status = 'pending';
        UPDATE review_queue SET variants = COALESCE((SELECT variant_count FROM entities WHERE id = current_a), 0)
            + COALESCE((SELECT variant_count FROM entities WHERE id = current_b), 0);
        CREATE INDEX ix_review_queue_order ON review_queue(score, variants DESC, proposal_id);
        CREATE INDEX ix_review_queue_a ON review_queue(current_a);
        CREATE INDEX ix_review_queue_b ON review_queue(current_b);
        CREATE INDEX ix_review_queue_stale ON review_queue(proposal_id) WHERE variants < 0;
        """;

    private const string LockCounted = """
        SELECT 1 FROM entities WHERE id IN (
            SELECT current_a FROM review_queue WHERE variants < 0 UNION SELECT current_b FROM review_queue WHERE variants < 0)
        ORDER BY id FOR SHARE
        """;

    private static SqlQuery Reopen(IReadOnlyCollection<string> entityIds)
    {
        var parameters = entityIds.Distinct().Select((id, i) => ($"e{i}", (object)id)).ToList();
        var list = string.Join(", ", parameters.Select(p => "@" + p.Item1));
        return ($"""
            WITH RECURSIVE chain(id, depth) AS (
                SELECT id, 0 FROM entities WHERE id IN ({list})
                UNION ALL
                SELECT e.survivor_id, c.depth + 1 FROM chain c JOIN entities e ON e.id = c.id WHERE e.status = 'absorbed' AND c.depth < {MaxHops})
            UPDATE review_queue SET current_a = NULL, current_b = NULL, variants = 0
            WHERE current_a IN (SELECT id FROM chain) OR current_b IN (SELECT id FROM chain)
            """, parameters);
    }

    /// <summary>Waiting rows start from the proposal's own ids, marked as being followed (variants &lt; 0).</summary>
    private const string Start = """
        UPDATE review_queue SET
            current_a = (SELECT p.entity_a FROM proposals p WHERE p.id = review_queue.proposal_id),
            current_b = (SELECT p.entity_b FROM proposals p WHERE p.id = review_queue.proposal_id),
            variants = -1
        WHERE current_a IS NULL
        """;

    private const string Hop = """
        UPDATE review_queue SET
            current_a = COALESCE((SELECT e.survivor_id FROM entities e WHERE e.id = review_queue.current_a AND e.status = 'absorbed'), current_a),
            current_b = COALESCE((SELECT e.survivor_id FROM entities e WHERE e.id = review_queue.current_b AND e.status = 'absorbed'), current_b)
        WHERE variants < 0
            AND EXISTS (SELECT 1 FROM entities e WHERE e.id IN (review_queue.current_a, review_queue.current_b) AND e.status = 'absorbed' AND e.survivor_id IS NOT NULL)
        """;

    private const string Count = """
        UPDATE review_queue SET variants =
            COALESCE((SELECT e.variant_count FROM entities e WHERE e.id = review_queue.current_a), 0)
            + COALESCE((SELECT e.variant_count FROM entities e WHERE e.id = review_queue.current_b), 0)
        WHERE variants < 0
        """;
}
