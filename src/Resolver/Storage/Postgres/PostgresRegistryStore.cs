using System.Runtime.CompilerServices;
using Names.Resolver.Resolution;
using Names.Resolver.Review;
using Names.Resolver.Scoring;
using Npgsql;
using static Names.Resolver.Storage.Postgres.PostgresCommands;

namespace Names.Resolver.Storage.Postgres;

/// <summary>
/// PostgreSQL registry (Npgsql, pooled connections, migrations applied on open). Same contract as
/// <see cref="Sqlite.SqliteRegistryStore"/>; free-text search uses pg_trgm, bulk batches binary COPY. Safe to share between
/// threads and processes: every call takes its own connection, multi-statement changes run in one transaction.
/// </summary>
public sealed class PostgresRegistryStore : IRegistryStore
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresRegistryStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        PersonalData = new PostgresPersonalDataStore(dataSource);
    }

    public Privacy.IPersonalDataStore PersonalData { get; }

    /// <summary>Connects with an Npgsql connection string ("Host=...;Database=...;Username=...") and migrates the schema.</summary>
    public static async Task<PostgresRegistryStore> OpenAsync(string connectionString, CancellationToken ct = default)
    {
        return new PostgresRegistryStore(await PostgresMigrations.OpenAsync(connectionString, ct));
    }

    public async Task<int> GetSchemaVersionAsync(CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await PostgresMigrations.CurrentAsync(c, ct);
    }

    public async Task ApplyAsync(RegistryBatch batch, CancellationToken ct = default)
    {
        if (batch.IsEmpty) return;
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await WriteBatchAsync(c, tx, batch, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<string?> GetMetaAsync(string key, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return (string?)await ScalarAsync(c, null, "SELECT value FROM meta WHERE key = $1", ct, key);
    }

    public async Task<EntityRecord?> GetEntityAsync(string id, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await GetEntityAsync(c, null, id, ct);
    }

    private static async Task<EntityRecord?> GetEntityAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string id, CancellationToken ct)
    {
        await using var cmd = Create(c, tx, "SELECT id, kind, canonical_name, status, survivor_id FROM entities WHERE id = $1", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? RegistryRows.Entity(r) : null;
    }

    public async Task<EntityRecord?> ResolveAsync(string id, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await ResolveAsync(c, null, id, ct);
    }

    private static Task<EntityRecord?> ResolveAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string id, CancellationToken ct) =>
        SurvivorWalk.FollowAsync(id, e => GetEntityAsync(c, tx, e, ct));

    public async IAsyncEnumerable<EntityRecord> ReadEntitiesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var cmd = Create(c, null, "SELECT id, kind, canonical_name, status, survivor_id FROM entities ORDER BY id");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) yield return RegistryRows.Entity(r);
    }

    public async Task<bool> IdExistsAsync(string id, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await ScalarAsync(c, null, "SELECT 1 FROM entities WHERE id = $1", ct, id) is not null;
    }

    public async IAsyncEnumerable<VariantRecord> ReadVariantsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var cmd = Create(c, null, $"SELECT {VariantColumns} FROM variants ORDER BY id");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) yield return RegistryRows.Variant(r);
    }

    public async Task<IReadOnlyList<VariantRecord>> GetVariantsOfEntityAsync(string entityId, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await QueryVariantsAsync(c, $"SELECT {VariantColumns} FROM variants WHERE entity_id = $1 ORDER BY id", ct, entityId);
    }

    private static async Task<IReadOnlyList<VariantRecord>> QueryVariantsAsync(NpgsqlConnection c, string sql, CancellationToken ct, params object?[] values)
    {
        await using var cmd = Create(c, null, sql, values);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<VariantRecord>();
        while (await r.ReadAsync(ct)) list.Add(RegistryRows.Variant(r));
        return list;
    }

    public async Task<long> GetMaxVariantIdAsync(CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return Convert.ToInt64(await ScalarAsync(c, null, "SELECT COALESCE(MAX(id), 0) FROM variants", ct));
    }

    public async Task<IReadOnlyList<VariantRecord>> GetVariantsAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await GetVariantsAsync(c, null, ids, ct);
    }

    /// <summary>Variants in the order of <paramref name="ids"/> (missing ids skipped).</summary>
    internal static async Task<IReadOnlyList<VariantRecord>> GetVariantsAsync(NpgsqlConnection c, NpgsqlTransaction? tx, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        await using var cmd = Create(c, tx, $"SELECT {VariantColumns} FROM variants WHERE id = ANY($1)", ids.ToArray());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var byId = new Dictionary<long, VariantRecord>();
        while (await r.ReadAsync(ct)) { var v = RegistryRows.Variant(r); byId[v.Id] = v; }
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    public async Task<IReadOnlyList<VariantRecord>> SearchNamesAsync(string text, int limit, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await QueryVariantsAsync(c, $"SELECT {VariantColumns} FROM variants WHERE display_name % $1 ORDER BY similarity(display_name, $1) DESC, id LIMIT $2", ct, text, limit);
    }

    public async Task SplitAsync(string entityId, IReadOnlyCollection<long> variantIds, EntityRecord newEntity, string actor, string reason, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await ExecAsync(c, tx, "SELECT id FROM entities WHERE id = $1 FOR UPDATE", ct, entityId);
        var source = await GetEntityAsync(c, tx, entityId, ct) ?? throw new KeyNotFoundException(entityId);
        if (source.Status != EntityStatus.Active) throw new InvalidOperationException($"{entityId} is not active");
        var owned = new HashSet<long>();
        await using (var q = Create(c, tx, "SELECT id FROM variants WHERE entity_id = $1", entityId))
        await using (var r = await q.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) owned.Add(r.GetInt64(0));
        if (variantIds.Count == 0 || !variantIds.All(owned.Contains)) throw new ArgumentException("every variant to split off must belong to the entity");
        if (variantIds.Count == owned.Count) throw new ArgumentException("a split must leave at least one variant");
        await ExecAsync(c, tx, "INSERT INTO entities(id, kind, canonical_name, status, survivor_id) VALUES ($1,$2,$3,'active',NULL)", ct,
            newEntity.Id, newEntity.Kind, newEntity.CanonicalName);
        await ExecAsync(c, tx, "UPDATE variants SET entity_id = $1 WHERE id = ANY($2)", ct, newEntity.Id, variantIds.ToArray());
        var now = DateTimeOffset.UtcNow;
        await InsertEventAsync(c, tx, new RegistryEvent(RegistryEventType.Minted, newEntity.Id, entityId, actor, "split", now), ct);
        await InsertEventAsync(c, tx, new RegistryEvent(RegistryEventType.Split, entityId, newEntity.Id, actor, reason, now), ct);
        await tx.CommitAsync(ct);
    }

    public async Task AddCannotLinkAsync(string entityA, string entityB, string actor, string reason, CancellationToken ct = default)
    {
        var (a, b) = string.CompareOrdinal(entityA, entityB) <= 0 ? (entityA, entityB) : (entityB, entityA);
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await ExecAsync(c, tx, "INSERT INTO cannot_links VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING", ct, a, b, actor, reason, DateTime.UtcNow);
        await InsertEventAsync(c, tx, new RegistryEvent(RegistryEventType.Decided, a, b, actor, "cannot-link: " + reason, DateTimeOffset.UtcNow), ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<(string A, string B)>> GetCannotLinksAsync(CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var cmd = Create(c, null, "SELECT entity_a, entity_b FROM cannot_links ORDER BY entity_a COLLATE \"C\", entity_b COLLATE \"C\"");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<(string, string)>();
        while (await r.ReadAsync(ct)) list.Add((r.GetString(0), r.GetString(1)));
        return list;
    }

    public async Task<IReadOnlyList<ReviewProposal>> GetProposalsAsync(string? status, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var cmd = Create(c, null,
            $"SELECT {RegistryRows.ProposalColumns} FROM proposals WHERE $1::text IS NULL OR status = $1 ORDER BY abs(score - 0.5), id", status);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ReviewProposal>();
        while (await r.ReadAsync(ct)) list.Add(RegistryRows.Proposal(r));
        return list;
    }


    public async Task<IReadOnlyList<ReviewProposal>> GetPendingProposalsAsync(PendingProposalQuery query, int offset, int limit, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        var ids = await PendingProposalPager.PageAsync(query, Math.Max(0, offset), limit, q => RowsAsync(c, q, ct), countWhole: true);
        var byId = new Dictionary<long, ReviewProposal>(ids.Count);
        foreach (var chunk in ids.Chunk(500))
        {
            await using var cmd = NamedCommand(c, PendingProposalSql.Proposals(chunk));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) byId[r.GetInt64(0)] = RegistryRows.Proposal(r);
        }
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    public async Task<IReadOnlyList<string>> CheckReviewQueueAsync(CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await ReviewQueueCheck.RunAsync(q => RowsAsync(c, q, ct));
    }

    internal static async Task<List<object?[]>> RowsAsync(NpgsqlConnection c, (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) query, CancellationToken ct,
        NpgsqlTransaction? tx = null)
    {
        await using var cmd = NamedCommand(c, query);
        cmd.Transaction = tx;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<object?[]>();
        while (await r.ReadAsync(ct)) rows.Add(RegistryRows.Values(r));
        return rows;
    }

    public async Task<int> CountPendingProposalsAsync(PendingProposalQuery query, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await PendingProposalPager.CountAsync(query, q => RowsAsync(c, q, ct), countWhole: true);
    }

    private static NpgsqlCommand NamedCommand(NpgsqlConnection c, (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) query)
    {
        var cmd = new NpgsqlCommand(query.Sql, c);
        foreach (var (name, value) in query.Parameters) cmd.Parameters.AddWithValue(name, value);
        return cmd;
    }


    public async Task<ReviewProposal?> GetProposalAsync(long proposalId, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var cmd = Create(c, null, $"SELECT {RegistryRows.ProposalColumns} FROM proposals WHERE id = $1", proposalId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? RegistryRows.Proposal(r) : null;
    }

    public async Task<IReadOnlyList<EntityFacts>> GetEntityFactsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var cmd = Create(c, null, """
            SELECT e.id, e.kind, e.status, e.survivor_id, e.canonical_name,
                (SELECT COUNT(*)::int FROM variants v WHERE v.entity_id = e.id),
                ARRAY(SELECT DISTINCT country FROM variants v WHERE v.entity_id = e.id AND country <> '' ORDER BY 1),
                ARRAY(SELECT DISTINCT source_file FROM variants v WHERE v.entity_id = e.id AND source_file <> '' ORDER BY 1),
                m.seq, m.time
            FROM entities e
            LEFT JOIN LATERAL (SELECT seq, time FROM events WHERE entity_id = e.id AND type = 'minted' ORDER BY seq LIMIT 1) m ON true
            WHERE e.id = ANY($1)
            """, (object)ids.Distinct().ToArray());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<EntityFacts>();
        while (await r.ReadAsync(ct))
            list.Add(new EntityFacts(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetInt32(5),
                r.GetFieldValue<string[]>(6), r.GetFieldValue<string[]>(7), r.IsDBNull(8) ? long.MaxValue : r.GetInt64(8),
                r.IsDBNull(9) ? DateTimeOffset.MinValue : ReadTime(r, 9)));
        return list;
    }

    public async Task<ReviewDecision> RecordDecisionAsync(ReviewDecisionRequest q, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var decision = await ReviewDecisionPlan.DecideAsync(new PostgresReviewDecisionSql(c, tx), q, ct);
        await tx.CommitAsync(ct);
        return decision;
    }

    public async Task<IReadOnlyList<ReviewDecisionOutcome>> RecordDecisionsAsync(IReadOnlyList<ReviewDecisionRequest> requests, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var outcomes = await ReviewDecisionPlan.DecideAllAsync(new PostgresReviewDecisionSql(c, tx), requests, ct);
        await tx.CommitAsync(ct);
        return outcomes;
    }

    public async Task<ReviewDecision?> UndoLastDecisionAsync(string actor, long? proposalId = null, string? comment = null, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var undone = await ReviewDecisionPlan.UndoLastAsync(new PostgresReviewDecisionSql(c, tx), actor, proposalId, comment, ct);
        if (undone is not null) await tx.CommitAsync(ct);
        return undone;
    }

    public async Task<bool> RescoreProposalAsync(long proposalId, double score, string explanation, IReadOnlyList<FeatureContribution>? contributions = null, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await ExecAsync(c, null, "UPDATE proposals SET score = $1, explanation = $2, contributions = $3 WHERE id = $4 AND status = 'pending'", ct,
            score, explanation, ContributionsJson.Write(contributions), proposalId) == 1;
    }

    public async Task<long> SaveModelAsync(string kind, string parameters, string note, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return Convert.ToInt64(await ScalarAsync(c, null, "INSERT INTO models(kind, parameters, note, created) VALUES ($1,$2,$3,$4) RETURNING version", ct,
            kind, parameters, note, DateTime.UtcNow));
    }

    public async Task<ModelVersion?> GetLatestModelAsync(string? kind, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await LatestModelAsync(c, null, kind, ct);
    }

    internal static async Task<ModelVersion?> LatestModelAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string? kind, CancellationToken ct)
    {
        await using var cmd = Create(c, tx, "SELECT version, kind, parameters, note, created FROM models WHERE $1::text IS NULL OR kind = $1 ORDER BY version DESC LIMIT 1", kind);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? RegistryRows.Model(r) : null;
    }

    public async IAsyncEnumerable<RegistryEvent> ReadEventsAsync(string? entityId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var cmd = Create(c, null,
            "SELECT seq, type, entity_id, other_id, actor, detail, time FROM events WHERE $1::text IS NULL OR entity_id = $1 OR other_id = $1 ORDER BY seq", entityId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) yield return RegistryRows.Event(r);
    }

    public async Task<long> CountEventsAsync(CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return Convert.ToInt64(await ScalarAsync(c, null, "SELECT COUNT(*) FROM events", ct));
    }

    public async Task<IReadOnlyList<ExternalIdLink>> GetExternalIdsAsync(string entityId, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await ExternalIdSql.OfEntityAsync(q => RowsAsync(c, q, ct), entityId);
    }

    public async Task<ExternalIdLink?> FindExternalIdAsync(string scheme, string value, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await ExternalIdSql.FindAsync(q => RowsAsync(c, q, ct), scheme, value);
    }

    public async IAsyncEnumerable<ExternalIdLink> ReadExternalIdsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        foreach (var link in await ExternalIdSql.AllAsync(q => RowsAsync(c, q, ct))) yield return link;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
