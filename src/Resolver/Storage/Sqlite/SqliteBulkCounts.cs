using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Names.Resolver.Storage.Sqlite;

/// <summary>
/// The work of schema 6's row triggers (tr_variants_insert, tr_proposals_insert) done once per bulk batch instead of
/// once per row: per entity its variant count, countries and source files, and the review queue's rows. A row trigger
/// runs five statements for each variant; a 100,000-record authority import spent more time in them than in its inserts.
/// The triggers stay for every other writer; `names verify` recounts both (<see cref="ReviewQueueCheck"/>).
/// </summary>
internal static class SqliteBulkCounts
{
    private const int EnableTrigger = 1003; // SQLITE_DBCONFIG_ENABLE_TRIGGER

    /// <summary>Turns the connection's triggers off until disposed (this connection only; others still fire theirs).</summary>
    public static IDisposable TriggersOff(SqliteConnection c)
    {
        Set(c, false);
        return new Restore(c);
    }

    private static void Set(SqliteConnection c, bool on)
    {
        var rc = SQLitePCL.raw.sqlite3_db_config(c.Handle, EnableTrigger, on ? 1 : 0, out _);
        if (rc != SQLitePCL.raw.SQLITE_OK) throw new InvalidOperationException($"SQLite refused to turn triggers {(on ? "on" : "off")} (error {rc})");
    }

    private sealed class Restore(SqliteConnection c) : IDisposable
    {
        public void Dispose() => Set(c, true);
    }

    /// <summary>What tr_variants_insert does for each of the variants, once for all of them (inserted just before).</summary>
    public static void VariantsAdded(IReadOnlyList<VariantRecord> variants, Action<string, object?[]> execute)
    {
        if (variants.Count == 0) return;
        var ids = JsonSerializer.Serialize(variants.Select(v => v.Id));
        foreach (var sql in Statements) execute(sql, [ids]);
    }

    private const string Added = "SELECT entity_id, country, source_file FROM variants WHERE id IN (SELECT value FROM json_each($a))";

    private static readonly string[] Statements =
    [
        $"""
        UPDATE entities SET variant_count = variant_count + n.added
        FROM (SELECT entity_id, COUNT(*) AS added FROM ({Added}) GROUP BY entity_id) n WHERE entities.id = n.entity_id
        """,
        $"""
        INSERT INTO entity_countries SELECT entity_id, upper(country), COUNT(*) FROM ({Added}) WHERE true GROUP BY 1, 2
            ON CONFLICT (entity_id, country) DO UPDATE SET variants = variants + excluded.variants
        """,
        $"""
        INSERT INTO entity_sources SELECT entity_id, lower(source_file), COUNT(*) FROM ({Added}) WHERE true GROUP BY 1, 2
            ON CONFLICT (entity_id, source) DO UPDATE SET variants = variants + excluded.variants
        """,
        $"""
        UPDATE review_queue SET variants = variants + n.added
        FROM (SELECT proposal_id, COUNT(*) AS added FROM (
                SELECT q.proposal_id FROM ({Added}) v JOIN review_queue q ON q.current_a = v.entity_id
                UNION ALL
                SELECT q.proposal_id FROM ({Added}) v JOIN review_queue q ON q.current_b = v.entity_id)
              GROUP BY proposal_id) n
        WHERE review_queue.proposal_id = n.proposal_id
        """,
    ];

    /// <summary>
    /// What tr_proposals_insert does for a pending proposal just inserted: its queue row, waiting (entities NULL) for
    /// <see cref="ReviewQueueRefresh"/>, which the batch runs before it commits and which fills in what the trigger would.
    /// </summary>
    public static void ProposalAdded(ReviewProposal p, Action<string, object?[]> execute) =>
        execute("INSERT OR IGNORE INTO review_queue(proposal_id, score) VALUES (last_insert_rowid(), $a)", [p.Score]);
}
