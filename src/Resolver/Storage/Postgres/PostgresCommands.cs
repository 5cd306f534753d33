using Npgsql;

namespace Names.Resolver.Storage.Postgres;

/// <summary>Small helpers for positional-parameter commands ($1, $2 ...); every value goes as a parameter, never into the SQL text.</summary>
internal static class PostgresCommands
{
    public static NpgsqlCommand Create(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, params object?[] values)
    {
        var cmd = new NpgsqlCommand(sql, c, tx);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
        return cmd;
    }

    public static async Task<int> ExecAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, CancellationToken ct, params object?[] values)
    {
        await using var cmd = Create(c, tx, sql, values);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<object?> ScalarAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, CancellationToken ct, params object?[] values)
    {
        await using var cmd = Create(c, tx, sql, values);
        var result = await cmd.ExecuteScalarAsync(ct);
        return result is DBNull ? null : result;
    }

    /// <summary>Advisory lock key that orders event writers (any constant unlikely to collide with name hashes' use).</summary>
    private const long EventOrderLock = 0x4E414D45_53000002; // "NAMES" + 2

    /// <summary>
    /// Makes event seqs commit in seq order: a writer takes this transaction-level lock just before it inserts its events
    /// and holds it until it commits, so no transaction can take a seq while an earlier seq is uncommitted, and a reader
    /// of the log (the change feed, the read model) never sees seq 12 before seq 11. Writers insert their events as their
    /// last write, so while holding the lock they wait for no row lock and cannot deadlock with a writer queued here.
    /// </summary>
    public static Task LockEventOrderAsync(NpgsqlConnection c, NpgsqlTransaction tx, CancellationToken ct) =>
        ExecAsync(c, tx, "SELECT pg_advisory_xact_lock($1)", ct, EventOrderLock);

    public static async Task InsertEventAsync(NpgsqlConnection c, NpgsqlTransaction tx, RegistryEvent e, CancellationToken ct)
    {
        await LockEventOrderAsync(c, tx, ct);
        await ExecAsync(c, tx, "INSERT INTO events(type, entity_id, other_id, actor, detail, time) VALUES ($1,$2,$3,$4,$5,$6)", ct,
            e.Type, e.EntityId, e.OtherId, e.Actor, e.Detail, Utc(e.Time));
    }

    /// <summary>timestamptz takes UTC only.</summary>
    public static DateTime Utc(DateTimeOffset t) => t.UtcDateTime;

    public static DateTimeOffset ReadTime(NpgsqlDataReader r, int i) => RegistryRows.Time(r, i);

    public const string VariantColumns = RegistryRows.VariantColumns;

    private static readonly string UpsertExternalId = ExternalIdSql.Upsert(i => "$" + (i + 1));

    /// <summary>Writes a batch inside <paramref name="tx"/> with binary COPY (bulk runs write tens of thousands of rows at once).</summary>
    /// <paramref name="idsFromSequence"/>: the variant ids were taken from the sequence (online path), so it need not be moved.
    public static async Task WriteBatchAsync(NpgsqlConnection c, NpgsqlTransaction tx, RegistryBatch batch, CancellationToken ct, bool idsFromSequence = false)
    {
        if (batch.NewEntities.Count > 0)
        {
            await using var w = await c.BeginBinaryImportAsync("COPY entities(id, kind, canonical_name, status, survivor_id) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var e in batch.NewEntities)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(e.Id, ct); await w.WriteAsync(e.Kind, ct); await w.WriteAsync(e.CanonicalName, ct); await w.WriteAsync(e.Status, ct);
                if (e.SurvivorId is null) await w.WriteNullAsync(ct); else await w.WriteAsync(e.SurvivorId, ct);
            }
            await w.CompleteAsync(ct);
        }
        if (batch.NewVariants.Count > 0)
        {
            await using (var w = await c.BeginBinaryImportAsync($"COPY variants({VariantColumns}) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var v in batch.NewVariants)
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(v.Id, ct); await w.WriteAsync(v.EntityId, ct); await w.WriteAsync(v.Kind, ct); await w.WriteAsync(v.DisplayName, ct);
                    await w.WriteAsync(v.NameKey, ct); await w.WriteAsync(v.CompactKey, ct); await w.WriteAsync(v.AltKey, ct); await w.WriteAsync(v.Country, ct);
                    await w.WriteAsync(v.Features, ct); await w.WriteAsync(v.SourceFile, ct); await w.WriteAsync(v.SourceRow, ct); await w.WriteAsync(v.SourceRecordId, ct);
                    await w.WriteAsync(v.RawName, ct);
                }
                await w.CompleteAsync(ct);
            }
            // Online writers take variant ids from the sequence: keep it past every id a bulk run wrote.
            if (!idsFromSequence) await ExecAsync(c, tx, "SELECT setval('variant_ids', GREATEST($1, (SELECT last_value FROM variant_ids)))", ct, batch.NewVariants.Max(v => v.Id));
        }
        foreach (var p in batch.NewProposals)
            await ExecAsync(c, tx, "INSERT INTO proposals(entity_a, entity_b, score, explanation, status, created, contributions) VALUES ($1,$2,$3,$4,$5,$6,$7)", ct,
                p.EntityA, p.EntityB, p.Score, p.Explanation, p.Status, Utc(p.Created), ContributionsJson.Write(p.Contributions));
        foreach (var x in batch.ExternalIds)
            await ExecAsync(c, tx, UpsertExternalId, ct, x.Scheme, x.Value, x.EntityId, x.Source, x.Status, Utc(x.Time));
        foreach (var (key, value) in batch.Meta)
            await ExecAsync(c, tx, "INSERT INTO meta(key, value) VALUES ($1,$2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", ct, key, value);
        if (batch.NewProposals.Count > 0) await RefreshReviewQueueAsync(c, tx, [], ct);
        if (batch.Events.Count > 0)
        {
            await LockEventOrderAsync(c, tx, ct); // events last, see LockEventOrderAsync
            await using var w = await c.BeginBinaryImportAsync("COPY events(type, entity_id, other_id, actor, detail, time) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var e in batch.Events)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(e.Type, ct); await w.WriteAsync(e.EntityId, ct);
                if (e.OtherId is null) await w.WriteNullAsync(ct); else await w.WriteAsync(e.OtherId, ct);
                await w.WriteAsync(e.Actor, ct); await w.WriteAsync(e.Detail, ct); await w.WriteAsync(Utc(e.Time), NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
            }
            await w.CompleteAsync(ct);
        }
    }

    /// <summary>Runs <see cref="ReviewQueueRefresh"/> inside the writer's transaction.</summary>
    public static Task RefreshReviewQueueAsync(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyCollection<string> entityIds, CancellationToken ct) =>
        ReviewQueueRefresh.RunAsync(async q =>
        {
            await using var cmd = new NpgsqlCommand(q.Sql, c, tx);
            foreach (var (name, value) in q.Parameters) cmd.Parameters.AddWithValue(name, value);
            return await cmd.ExecuteNonQueryAsync(ct);
        }, entityIds, lockCounted: true);
}
