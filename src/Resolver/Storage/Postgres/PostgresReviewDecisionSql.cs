using Names.Resolver.Review;
using Npgsql;
using static Names.Resolver.Storage.Postgres.PostgresCommands;

namespace Names.Resolver.Storage.Postgres;

/// <summary>
/// The PostgreSQL statements of <see cref="ReviewDecisionPlan"/>. Locks are row locks (SELECT ... FOR UPDATE): the
/// proposal's row serialises deciders (the loser waits, then reads the winner's status), entity rows are locked in id
/// order so that concurrent merges cannot deadlock. Moved variants are stored as a bigint[].
/// </summary>
internal sealed class PostgresReviewDecisionSql(NpgsqlConnection c, NpgsqlTransaction tx) : IReviewDecisionSql
{
    public async Task<(string EntityA, string EntityB, string Status)?> LockProposalAsync(long proposalId, CancellationToken ct)
    {
        await using var cmd = Create(c, tx, "SELECT entity_a, entity_b, status FROM proposals WHERE id = $1 FOR UPDATE", proposalId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetString(0), r.GetString(1), r.GetString(2)) : null;
    }

    public async Task<IReadOnlySet<string>> LockActiveEntitiesAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var active = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = Create(c, tx, "SELECT id, status FROM entities WHERE id = ANY($1) ORDER BY id FOR UPDATE", (object)ids.ToArray());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) if (r.GetString(1) == EntityStatus.Active) active.Add(r.GetString(0));
        return active;
    }

    public async Task<bool> CannotLinkExistsAsync(string a, string b, CancellationToken ct) =>
        await ScalarAsync(c, tx, "SELECT 1 FROM cannot_links WHERE entity_a = $1 AND entity_b = $2", ct, a, b) is not null;

    public async Task<bool> AddCannotLinkAsync(string a, string b, string actor, string reason, DateTimeOffset time, CancellationToken ct) =>
        await ExecAsync(c, tx, "INSERT INTO cannot_links VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING", ct, a, b, actor, reason, Utc(time)) == 1;

    public Task RemoveCannotLinkAsync(string a, string b, CancellationToken ct) =>
        ExecAsync(c, tx, "DELETE FROM cannot_links WHERE entity_a = $1 AND entity_b = $2", ct, a, b);

    public async Task<IReadOnlyList<long>> MoveAllVariantsAsync(string fromEntity, string toEntity, CancellationToken ct)
    {
        var moved = new List<long>();
        await using (var m = Create(c, tx, "UPDATE variants SET entity_id = $1 WHERE entity_id = $2 RETURNING id", toEntity, fromEntity))
        await using (var r = await m.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) moved.Add(r.GetInt64(0));
        moved.Sort();
        return moved;
    }

    public Task MoveVariantsAsync(IReadOnlyList<long> variantIds, string toEntity, CancellationToken ct) =>
        ExecAsync(c, tx, "UPDATE variants SET entity_id = $1 WHERE id = ANY($2)", ct, toEntity, variantIds.ToArray());

    public Task MarkAbsorbedAsync(string absorbed, string survivor, CancellationToken ct) =>
        ExecAsync(c, tx, "UPDATE entities SET status = 'absorbed', survivor_id = $1 WHERE id = $2", ct, survivor, absorbed);

    public async Task<string?> LockSurvivorOfAbsorbedAsync(string absorbed, CancellationToken ct) =>
        await ScalarAsync(c, tx, "SELECT survivor_id FROM entities WHERE id = $1 AND status = 'absorbed' FOR UPDATE", ct, absorbed) as string;

    public async Task<string?> ExternalIdConflictAsync(string a, string b, CancellationToken ct)
    {
        var (sql, parameters) = ExternalIdSql.Conflicts(a, b);
        await using var cmd = new NpgsqlCommand(sql, c, tx);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<object?[]>();
        while (await r.ReadAsync(ct)) rows.Add([r.GetString(0), r.GetString(1), r.GetString(2)]);
        return ExternalIdSql.ConflictReason(rows);
    }

    public Task RefreshReviewQueueAsync(IReadOnlyCollection<string> entityIds, CancellationToken ct) => PostgresCommands.RefreshReviewQueueAsync(c, tx, entityIds, ct);

    public Task MarkActiveAsync(string id, CancellationToken ct) =>
        ExecAsync(c, tx, "UPDATE entities SET status = 'active', survivor_id = NULL WHERE id = $1", ct, id);

    public Task MarkProposalDecidedAsync(long proposalId, string status, string actor, DateTimeOffset time, CancellationToken ct) =>
        ExecAsync(c, tx, "UPDATE proposals SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4", ct, status, actor, Utc(time), proposalId);

    public Task MarkProposalPendingAsync(long proposalId, CancellationToken ct) =>
        ExecAsync(c, tx, "UPDATE proposals SET status = 'pending', decided_by = NULL, decided_at = NULL WHERE id = $1", ct, proposalId);

    public async Task<long> InsertDecisionAsync(ReviewDecisionRow d, CancellationToken ct) =>
        Convert.ToInt64(await ScalarAsync(c, tx, """
            INSERT INTO review_decisions(proposal_id, status, actor, time, comment, survivor_id, absorbed_id, moved_variants, link_a, link_b)
            VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id
            """, ct, d.ProposalId, d.Status, d.Actor, Utc(d.Time), d.Comment, d.SurvivorId, d.AbsorbedId, (d.MovedVariants ?? []).ToArray(), d.LinkA, d.LinkB));

    public async Task<ReviewDecisionRow?> LockLatestUndoableDecisionAsync(string actor, CancellationToken ct)
    {
        await using var cmd = Create(c, tx, """
            SELECT id, proposal_id, status, actor, time, comment, survivor_id, absorbed_id, moved_variants, link_a, link_b FROM review_decisions
            WHERE actor = $1 AND status <> 'undone' AND undone_by IS NULL ORDER BY id DESC LIMIT 1 FOR UPDATE
            """, actor);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new ReviewDecisionRow(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), ReadTime(r, 4),
            Nullable(r, 5), Nullable(r, 6), Nullable(r, 7), r.GetFieldValue<long[]>(8), Nullable(r, 9), Nullable(r, 10));
    }

    public Task MarkDecisionUndoneAsync(long decisionId, long undoDecisionId, CancellationToken ct) =>
        ExecAsync(c, tx, "UPDATE review_decisions SET undone_by = $1 WHERE id = $2", ct, undoDecisionId, decisionId);

    public async Task AddEventsAsync(IReadOnlyList<RegistryEvent> events, CancellationToken ct)
    {
        foreach (var e in events) await InsertEventAsync(c, tx, e, ct);
    }

    private static string? Nullable(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
