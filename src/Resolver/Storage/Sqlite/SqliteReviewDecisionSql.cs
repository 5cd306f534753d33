using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Names.Resolver.Review;

namespace Names.Resolver.Storage.Sqlite;

/// <summary>
/// The SQLite statements of <see cref="ReviewDecisionPlan"/>. The transaction is BEGIN IMMEDIATE (Microsoft.Data.Sqlite's
/// default), so it holds the database write lock from its start: the "lock" reads need no more than a read.
/// Moved variants are stored as comma-separated ids.
/// </summary>
internal sealed class SqliteReviewDecisionSql(SqliteConnection c, SqliteTransaction tx) : IReviewDecisionSql
{
    public async Task<(string EntityA, string EntityB, string Status)?> LockProposalAsync(long proposalId, CancellationToken ct)
    {
        using var cmd = Command("SELECT entity_a, entity_b, status FROM proposals WHERE id = $a", proposalId);
        using var r = await cmd.ExecuteReaderAsync(ct);
        return r.Read() ? (r.GetString(0), r.GetString(1), r.GetString(2)) : null;
    }

    public async Task<IReadOnlySet<string>> LockActiveEntitiesAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var active = new HashSet<string>(StringComparer.Ordinal);
        using var cmd = Command("SELECT id FROM entities WHERE id IN (SELECT value FROM json_each($a)) AND status = 'active'", JsonSerializer.Serialize(ids));
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (r.Read()) active.Add(r.GetString(0));
        return active;
    }

    public async Task<bool> CannotLinkExistsAsync(string a, string b, CancellationToken ct) =>
        await ScalarAsync("SELECT 1 FROM cannot_links WHERE entity_a = $a AND entity_b = $b", ct, a, b) is not null;

    public async Task<bool> AddCannotLinkAsync(string a, string b, string actor, string reason, DateTimeOffset time, CancellationToken ct) =>
        await ExecAsync("INSERT OR IGNORE INTO cannot_links VALUES ($a,$b,$c,$d,$e)", ct, a, b, actor, reason, RegistryRows.TimeText(time)) == 1;

    public Task RemoveCannotLinkAsync(string a, string b, CancellationToken ct) =>
        ExecAsync("DELETE FROM cannot_links WHERE entity_a = $a AND entity_b = $b", ct, a, b);

    public async Task<IReadOnlyList<long>> MoveAllVariantsAsync(string fromEntity, string toEntity, CancellationToken ct)
    {
        var moved = new List<long>();
        using (var cmd = Command("SELECT id FROM variants WHERE entity_id = $a ORDER BY id", fromEntity))
        using (var r = await cmd.ExecuteReaderAsync(ct))
            while (r.Read()) moved.Add(r.GetInt64(0));
        await ExecAsync("UPDATE variants SET entity_id = $a WHERE entity_id = $b", ct, toEntity, fromEntity);
        return moved;
    }

    public async Task MoveVariantsAsync(IReadOnlyList<long> variantIds, string toEntity, CancellationToken ct)
    {
        foreach (var id in variantIds) await ExecAsync("UPDATE variants SET entity_id = $a WHERE id = $b", ct, toEntity, id);
    }

    public Task MarkAbsorbedAsync(string absorbed, string survivor, CancellationToken ct) =>
        ExecAsync("UPDATE entities SET status = 'absorbed', survivor_id = $a WHERE id = $b", ct, survivor, absorbed);

    public async Task<string?> LockSurvivorOfAbsorbedAsync(string absorbed, CancellationToken ct) =>
        await ScalarAsync("SELECT survivor_id FROM entities WHERE id = $a AND status = 'absorbed'", ct, absorbed) as string;

    public async Task<string?> ExternalIdConflictAsync(string a, string b, CancellationToken ct)
    {
        using var cmd = SqliteSql.Named(c, tx, ExternalIdSql.Conflicts(a, b));
        using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<object?[]>();
        while (r.Read()) rows.Add([r.GetString(0), r.GetString(1), r.GetString(2)]);
        return ExternalIdSql.ConflictReason(rows);
    }

    public Task RefreshReviewQueueAsync(IReadOnlyCollection<string> entityIds, CancellationToken ct) => SqliteSql.RefreshReviewQueueAsync(c, tx, entityIds, ct);

    public Task MarkActiveAsync(string id, CancellationToken ct) =>
        ExecAsync("UPDATE entities SET status = 'active', survivor_id = NULL WHERE id = $a", ct, id);

    public Task MarkProposalDecidedAsync(long proposalId, string status, string actor, DateTimeOffset time, CancellationToken ct) =>
        ExecAsync("UPDATE proposals SET status = $a, decided_by = $b, decided_at = $c WHERE id = $d", ct, status, actor, RegistryRows.TimeText(time), proposalId);

    public Task MarkProposalPendingAsync(long proposalId, CancellationToken ct) =>
        ExecAsync("UPDATE proposals SET status = 'pending', decided_by = NULL, decided_at = NULL WHERE id = $a", ct, proposalId);

    public async Task<long> InsertDecisionAsync(ReviewDecisionRow d, CancellationToken ct) =>
        Convert.ToInt64(await ScalarAsync("""
            INSERT INTO review_decisions(proposal_id, status, actor, time, comment, survivor_id, absorbed_id, moved_variants, link_a, link_b)
            VALUES ($a,$b,$c,$d,$e,$f,$g,$h,$i,$j) RETURNING id
            """, ct, d.ProposalId, d.Status, d.Actor, RegistryRows.TimeText(d.Time), d.Comment, d.SurvivorId, d.AbsorbedId,
            string.Join(',', d.MovedVariants ?? []), d.LinkA, d.LinkB), CultureInfo.InvariantCulture);

    public async Task<ReviewDecisionRow?> LockLatestUndoableDecisionAsync(string actor, CancellationToken ct)
    {
        using var cmd = Command("""
            SELECT id, proposal_id, status, actor, time, comment, survivor_id, absorbed_id, moved_variants, link_a, link_b FROM review_decisions
            WHERE actor = $a AND status <> 'undone' AND undone_by IS NULL ORDER BY id DESC LIMIT 1
            """, actor);
        using var r = await cmd.ExecuteReaderAsync(ct);
        if (!r.Read()) return null;
        var moved = r.GetString(8).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToList();
        return new ReviewDecisionRow(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), RegistryRows.Time(r, 4),
            RegistryRows.Text(r, 5), RegistryRows.Text(r, 6), RegistryRows.Text(r, 7), moved, RegistryRows.Text(r, 9), RegistryRows.Text(r, 10));
    }

    public Task MarkDecisionUndoneAsync(long decisionId, long undoDecisionId, CancellationToken ct) =>
        ExecAsync("UPDATE review_decisions SET undone_by = $a WHERE id = $b", ct, undoDecisionId, decisionId);

    public Task AddEventsAsync(IReadOnlyList<RegistryEvent> events, CancellationToken ct)
    {
        using var statements = new SqliteStatements(c, tx);
        foreach (var e in events) statements.Command(SqliteSql.InsertEvent, SqliteSql.EventValues(e)).ExecuteNonQuery();
        return Task.CompletedTask;
    }

    private SqliteCommand Command(string sql, params object?[] values) => SqliteSql.Command(c, tx, sql, values);

    private async Task<int> ExecAsync(string sql, CancellationToken ct, params object?[] values)
    {
        using var cmd = Command(sql, values);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken ct, params object?[] values)
    {
        using var cmd = Command(sql, values);
        var result = await cmd.ExecuteScalarAsync(ct);
        return result is DBNull ? null : result;
    }
}
