using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Names.Resolver.Resolution;
using Names.Resolver.Review;
using Names.Resolver.Scoring;

namespace Names.Resolver.Storage.Sqlite;

/// <summary>
/// SQLite registry (WAL, one connection per store instance, migrations applied on open). Bulk writes go through
/// <see cref="ApplyAsync"/> with prepared statements inside one transaction.
/// </summary>
public sealed class SqliteRegistryStore : IRegistryStore
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteRegistryStore(SqliteConnection connection)
    {
        _connection = connection;
        PersonalData = new SqlitePersonalDataStore(this);
    }

    public Privacy.IPersonalDataStore PersonalData { get; }

    internal SqliteConnection Connection => _connection;

    /// <summary>Opens (creating when absent) the registry at <paramref name="path"/>; ":memory:" for a private in-memory one.</summary>
    public static async Task<SqliteRegistryStore> OpenAsync(string path, CancellationToken ct = default)
    {
        SQLitePCL.Batteries_V2.Init();
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        var connection = new SqliteConnection(cs);
        await connection.OpenAsync(ct);
        try
        {
            // The version is read before anything is set: a registry from a newer Names is refused without a single write.
            await ExecAsync(connection, "PRAGMA busy_timeout=5000;", ct); // a connection setting, nothing written
            var version = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;", ct), CultureInfo.InvariantCulture);
            if (version > SqliteMigrations.Latest) throw new RegistrySchemaTooNewException(version, SqliteMigrations.Latest);
            // secure_delete FAST: bytes freed inside a page are zeroed (no extra I/O); an erasure turns it fully on.
            await ExecAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA secure_delete=FAST;", ct);
            await SqliteMigrations.ApplyAsync(connection, version, ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return new SqliteRegistryStore(connection);
    }

    public async Task<int> GetSchemaVersionAsync(CancellationToken ct = default) =>
        Convert.ToInt32(await Locked(() => ScalarAsync(_connection, "PRAGMA user_version;", ct)), CultureInfo.InvariantCulture);

    public async Task ApplyAsync(RegistryBatch batch, CancellationToken ct = default)
    {
        if (batch.IsEmpty) return;
        await _gate.WaitAsync(ct);
        try
        {
            using var tx = _connection.BeginTransaction();
            using (var rows = new SqliteRowStatements(_connection))
                await SqliteSql.WriteBatchAsync(batch, rows.Execute, _connection, tx, ct, statementLevel: true);
            tx.Commit();
        }
        finally { _gate.Release(); }
    }

    /// <summary>Sets the connection's page cache (64 MB from open): a bulk writer of mostly new pages needs less.</summary>
    public Task SetCacheSizeAsync(int megabytes, CancellationToken ct = default) => Locked(() => ScalarAsync(_connection, $"PRAGMA cache_size=-{megabytes * 1024};", ct));

    public async Task<string?> GetMetaAsync(string key, CancellationToken ct = default) =>
        await Locked(async () => (string?)await ScalarAsync(_connection, "SELECT value FROM meta WHERE key = $a", ct, key));

    public Task<EntityRecord?> GetEntityAsync(string id, CancellationToken ct = default) =>
        Locked(async () =>
        {
            using var cmd = Command("SELECT id, kind, canonical_name, status, survivor_id FROM entities WHERE id = $a", id);
            using var r = await cmd.ExecuteReaderAsync(ct);
            return r.Read() ? RegistryRows.Entity(r) : null;
        });

    public Task<EntityRecord?> ResolveAsync(string id, CancellationToken ct = default) => SurvivorWalk.FollowAsync(id, e => GetEntityAsync(e, ct));

    public async IAsyncEnumerable<EntityRecord> ReadEntitiesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var all = await Locked(async () =>
        {
            var list = new List<EntityRecord>();
            using var cmd = Command("SELECT id, kind, canonical_name, status, survivor_id FROM entities ORDER BY rowid");
            using var r = await cmd.ExecuteReaderAsync(ct);
            while (r.Read()) list.Add(RegistryRows.Entity(r));
            return list;
        });
        foreach (var e in all) yield return e;
    }

    public async Task<bool> IdExistsAsync(string id, CancellationToken ct = default) =>
        await Locked(() => ScalarAsync(_connection, "SELECT 1 FROM entities WHERE id = $a", ct, id)) is not null;

    public async IAsyncEnumerable<VariantRecord> ReadVariantsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        // Read in pages so the lock is not held while the consumer works.
        long after = -1;
        while (true)
        {
            var page = await Locked(async () =>
            {
                var list = new List<VariantRecord>(10000);
                using var cmd = Command("SELECT * FROM variants WHERE id > $a ORDER BY id LIMIT 10000", after);
                using var r = await cmd.ExecuteReaderAsync(ct);
                while (r.Read()) list.Add(RegistryRows.Variant(r));
                return list;
            });
            foreach (var v in page) yield return v;
            if (page.Count < 10000) yield break;
            after = page[^1].Id;
        }
    }

    public Task<IReadOnlyList<VariantRecord>> GetVariantsOfEntityAsync(string entityId, CancellationToken ct = default) =>
        Locked(async () =>
        {
            var list = new List<VariantRecord>();
            using var cmd = Command("SELECT * FROM variants WHERE entity_id = $a ORDER BY id", entityId);
            using var r = await cmd.ExecuteReaderAsync(ct);
            while (r.Read()) list.Add(RegistryRows.Variant(r));
            return (IReadOnlyList<VariantRecord>)list;
        });

    public async Task<long> GetMaxVariantIdAsync(CancellationToken ct = default) =>
        Convert.ToInt64(await Locked(() => ScalarAsync(_connection, "SELECT COALESCE(MAX(id), 0) FROM variants", ct)), CultureInfo.InvariantCulture);

    public Task<IReadOnlyList<VariantRecord>> GetVariantsAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        Locked(async () =>
        {
            var list = new List<VariantRecord>(ids.Count);
            using var cmd = Command("SELECT * FROM variants WHERE id = $a", 0L);
            foreach (var id in ids)
            {
                cmd.Parameters[0].Value = id;
                using var r = await cmd.ExecuteReaderAsync(ct);
                if (r.Read()) list.Add(RegistryRows.Variant(r));
            }
            return (IReadOnlyList<VariantRecord>)list;
        });

    public Task<IReadOnlyList<VariantRecord>> SearchNamesAsync(string text, int limit, CancellationToken ct = default) =>
        Locked(async () =>
        {
            var upper = text.ToUpperInvariant();
            var grams = new HashSet<string>();
            for (int i = 0; i + 3 <= upper.Length; i++) grams.Add(upper.Substring(i, 3));
            if (grams.Count == 0) return (IReadOnlyList<VariantRecord>)Array.Empty<VariantRecord>();
            // OR of trigrams ranked by bm25 tolerates typos; each trigram is quoted so punctuation is literal.
            var query = string.Join(" OR ", grams.Select(g => "\"" + g.Replace("\"", "\"\"") + "\""));
            var list = new List<VariantRecord>();
            using var cmd = Command("SELECT v.* FROM names_fts f JOIN variants v ON v.id = f.rowid WHERE names_fts MATCH $a ORDER BY bm25(names_fts) LIMIT $b", query, limit);
            using var r = await cmd.ExecuteReaderAsync(ct);
            while (r.Read()) list.Add(RegistryRows.Variant(r));
            return (IReadOnlyList<VariantRecord>)list;
        });

    public async Task SplitAsync(string entityId, IReadOnlyCollection<long> variantIds, EntityRecord newEntity, string actor, string reason, CancellationToken ct = default)
    {
        var source = await GetEntityAsync(entityId, ct) ?? throw new KeyNotFoundException(entityId);
        if (source.Status != EntityStatus.Active) throw new InvalidOperationException($"{entityId} is not active");
        var owned = (await GetVariantsOfEntityAsync(entityId, ct)).Select(v => v.Id).ToHashSet();
        if (variantIds.Count == 0 || !variantIds.All(owned.Contains)) throw new ArgumentException("every variant to split off must belong to the entity");
        if (variantIds.Count == owned.Count) throw new ArgumentException("a split must leave at least one variant");
        await Locked(async () =>
        {
            using var tx = _connection.BeginTransaction();
            using (var statements = new SqliteStatements(_connection, tx))
            {
                statements.Command("INSERT INTO entities(id, kind, canonical_name, status, survivor_id) VALUES ($a,$b,$c,'active',NULL)",
                    [newEntity.Id, newEntity.Kind, newEntity.CanonicalName]).ExecuteNonQuery();
                foreach (var id in variantIds) statements.Command("UPDATE variants SET entity_id = $a WHERE id = $b", [newEntity.Id, id]).ExecuteNonQuery();
                var now = DateTimeOffset.UtcNow;
                InsertEvents(statements, [
                    new RegistryEvent(RegistryEventType.Minted, newEntity.Id, entityId, actor, "split", now),
                    new RegistryEvent(RegistryEventType.Split, entityId, newEntity.Id, actor, reason, now),
                ]);
            }
            tx.Commit();
            return 0;
        });
    }

    public Task AddCannotLinkAsync(string entityA, string entityB, string actor, string reason, CancellationToken ct = default) =>
        Locked(async () =>
        {
            var (a, b) = string.CompareOrdinal(entityA, entityB) <= 0 ? (entityA, entityB) : (entityB, entityA);
            using var tx = _connection.BeginTransaction();
            using (var statements = new SqliteStatements(_connection, tx))
            {
                statements.Command("INSERT OR IGNORE INTO cannot_links VALUES ($a,$b,$c,$d,$e)", [a, b, actor, reason, RegistryRows.TimeText(DateTimeOffset.UtcNow)]).ExecuteNonQuery();
                InsertEvents(statements, [new RegistryEvent(RegistryEventType.Decided, a, b, actor, "cannot-link: " + reason, DateTimeOffset.UtcNow)]);
            }
            tx.Commit();
            return 0;
        });

    public Task<IReadOnlyList<(string A, string B)>> GetCannotLinksAsync(CancellationToken ct = default) =>
        Locked(async () =>
        {
            var list = new List<(string, string)>();
            using var cmd = Command("SELECT entity_a, entity_b FROM cannot_links ORDER BY entity_a, entity_b");
            using var r = await cmd.ExecuteReaderAsync(ct);
            while (r.Read()) list.Add((r.GetString(0), r.GetString(1)));
            return (IReadOnlyList<(string, string)>)list;
        });

    public Task<IReadOnlyList<ReviewProposal>> GetProposalsAsync(string? status, CancellationToken ct = default) =>
        Locked(async () =>
        {
            var list = new List<ReviewProposal>();
            using var cmd = Command($"SELECT {RegistryRows.ProposalColumns} FROM proposals WHERE $a IS NULL OR status = $a ORDER BY abs(score - 0.5), id", (object?)status ?? DBNull.Value);
            using var r = await cmd.ExecuteReaderAsync(ct);
            while (r.Read()) list.Add(RegistryRows.Proposal(r));
            return (IReadOnlyList<ReviewProposal>)list;
        });

    public Task<IReadOnlyList<ReviewProposal>> GetPendingProposalsAsync(PendingProposalQuery query, int offset, int limit, CancellationToken ct = default) =>
        Locked(async () =>
        {
            var ids = await PendingProposalPager.PageAsync(query, Math.Max(0, offset), limit, q => RowsAsync(q, ct), countWhole: false);
            var byId = new Dictionary<long, ReviewProposal>(ids.Count);
            foreach (var chunk in ids.Chunk(500))
            {
                using var cmd = NamedCommand(PendingProposalSql.Proposals(chunk));
                using var r = await cmd.ExecuteReaderAsync(ct);
                while (r.Read()) byId[r.GetInt64(0)] = RegistryRows.Proposal(r);
            }
            return (IReadOnlyList<ReviewProposal>)ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        });

    public Task<IReadOnlyList<string>> CheckReviewQueueAsync(CancellationToken ct = default) =>
        Locked(() => ReviewQueueCheck.RunAsync(q => RowsAsync(q, ct)));

    private Task<List<object?[]>> RowsAsync((string Sql, IReadOnlyList<(string Name, object Value)> Parameters) query, CancellationToken ct) =>
        SqliteSql.RowsAsync(_connection, query, ct);

    internal Task RefreshReviewQueueAsync(SqliteTransaction tx, IReadOnlyCollection<string> entityIds, CancellationToken ct) =>
        SqliteSql.RefreshReviewQueueAsync(_connection, tx, entityIds, ct);

    public Task<int> CountPendingProposalsAsync(PendingProposalQuery query, CancellationToken ct = default) =>
        Locked(() => PendingProposalPager.CountAsync(query, q => RowsAsync(q, ct), countWhole: false));

    public Task<ReviewProposal?> GetProposalAsync(long proposalId, CancellationToken ct = default) =>
        Locked(async () =>
        {
            using var cmd = Command($"SELECT {RegistryRows.ProposalColumns} FROM proposals WHERE id = $a", proposalId);
            using var r = await cmd.ExecuteReaderAsync(ct);
            return r.Read() ? RegistryRows.Proposal(r) : null;
        });

    public Task<IReadOnlyList<EntityFacts>> GetEntityFactsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        Locked(async () =>
        {
            var json = JsonSerializer.Serialize(ids.Distinct().ToArray());
            var spread = new Dictionary<string, (int Count, SortedSet<string> Countries, SortedSet<string> Sources)>(StringComparer.Ordinal);
            using (var cmd = Command("SELECT entity_id, country, source_file, COUNT(*) FROM variants WHERE entity_id IN (SELECT value FROM json_each($a)) GROUP BY 1, 2, 3", json))
            using (var r = await cmd.ExecuteReaderAsync(ct))
                while (r.Read())
                {
                    var id = r.GetString(0);
                    if (!spread.TryGetValue(id, out var s)) s = (0, new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
                    if (r.GetString(1).Length > 0) s.Countries.Add(r.GetString(1));
                    if (r.GetString(2).Length > 0) s.Sources.Add(r.GetString(2));
                    spread[id] = (s.Count + r.GetInt32(3), s.Countries, s.Sources);
                }
            var list = new List<EntityFacts>();
            using (var cmd = Command("""
                SELECT e.id, e.kind, e.status, e.survivor_id, e.canonical_name,
                    (SELECT seq FROM events m WHERE m.entity_id = e.id AND m.type = 'minted' ORDER BY seq LIMIT 1),
                    (SELECT time FROM events m WHERE m.entity_id = e.id AND m.type = 'minted' ORDER BY seq LIMIT 1)
                FROM entities e WHERE e.id IN (SELECT value FROM json_each($a))
                """, json))
            using (var r = await cmd.ExecuteReaderAsync(ct))
                while (r.Read())
                {
                    var id = r.GetString(0);
                    var s = spread.GetValueOrDefault(id);
                    list.Add(new EntityFacts(id, r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
                        s.Count, s.Countries?.ToList() ?? [], s.Sources?.ToList() ?? [],
                        r.IsDBNull(5) ? long.MaxValue : r.GetInt64(5),
                        r.IsDBNull(6) ? DateTimeOffset.MinValue : DateTimeOffset.Parse(r.GetString(6), CultureInfo.InvariantCulture)));
                }
            return (IReadOnlyList<EntityFacts>)list;
        });

    // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): a concurrent decider waits here, then finds the proposal decided.
    public Task<ReviewDecision> RecordDecisionAsync(ReviewDecisionRequest q, CancellationToken ct = default) =>
        Deciding(sql => ReviewDecisionPlan.DecideAsync(sql, q, ct), _ => true);

    public Task<IReadOnlyList<ReviewDecisionOutcome>> RecordDecisionsAsync(IReadOnlyList<ReviewDecisionRequest> requests, CancellationToken ct = default) =>
        Deciding(sql => ReviewDecisionPlan.DecideAllAsync(sql, requests, ct), _ => true);

    public Task<ReviewDecision?> UndoLastDecisionAsync(string actor, long? proposalId = null, string? comment = null, CancellationToken ct = default) =>
        Deciding(sql => ReviewDecisionPlan.UndoLastAsync(sql, actor, proposalId, comment, ct), undone => undone is not null);

    private Task<T> Deciding<T>(Func<SqliteReviewDecisionSql, Task<T>> work, Func<T, bool> commit) =>
        Locked(async () =>
        {
            using var tx = _connection.BeginTransaction();
            var result = await work(new SqliteReviewDecisionSql(_connection, tx));
            if (commit(result)) tx.Commit();
            return result;
        });

    public async Task<bool> RescoreProposalAsync(long proposalId, double score, string explanation, IReadOnlyList<FeatureContribution>? contributions = null, CancellationToken ct = default) =>
        await Locked(async () =>
        {
            using var cmd = Command("UPDATE proposals SET score = $a, explanation = $b, contributions = $c WHERE id = $d AND status = 'pending'",
                score, explanation, ContributionsJson.Write(contributions), proposalId);
            return await cmd.ExecuteNonQueryAsync(ct);
        }) == 1;

    public Task<long> SaveModelAsync(string kind, string parameters, string note, CancellationToken ct = default) =>
        Locked(async () =>
        {
            using var cmd = Command("INSERT INTO models(kind, parameters, note, created) VALUES ($a,$b,$c,$d) RETURNING version", kind, parameters, note, RegistryRows.TimeText(DateTimeOffset.UtcNow));
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        });

    public Task<ModelVersion?> GetLatestModelAsync(string? kind, CancellationToken ct = default) =>
        Locked(async () =>
        {
            using var cmd = Command(SqliteSql.LatestModel, kind);
            using var r = await cmd.ExecuteReaderAsync(ct);
            return r.Read() ? RegistryRows.Model(r) : null;
        });

    public async IAsyncEnumerable<RegistryEvent> ReadEventsAsync(string? entityId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var all = await Locked(async () =>
        {
            var list = new List<RegistryEvent>();
            using var cmd = Command("SELECT seq, type, entity_id, other_id, actor, detail, time FROM events WHERE $a IS NULL OR entity_id = $a OR other_id = $a ORDER BY seq", (object?)entityId ?? DBNull.Value);
            using var r = await cmd.ExecuteReaderAsync(ct);
            while (r.Read()) list.Add(RegistryRows.Event(r));
            return list;
        });
        foreach (var e in all) yield return e;
    }

    public async Task<long> CountEventsAsync(CancellationToken ct = default) =>
        Convert.ToInt64(await Locked(() => ScalarAsync(_connection, "SELECT COUNT(*) FROM events", ct)), CultureInfo.InvariantCulture);

    public Task<IReadOnlyList<ExternalIdLink>> GetExternalIdsAsync(string entityId, CancellationToken ct = default) =>
        Locked(() => ExternalIdSql.OfEntityAsync(q => RowsAsync(q, ct), entityId));

    public Task<ExternalIdLink?> FindExternalIdAsync(string scheme, string value, CancellationToken ct = default) =>
        Locked(() => ExternalIdSql.FindAsync(q => RowsAsync(q, ct), scheme, value));

    public async IAsyncEnumerable<ExternalIdLink> ReadExternalIdsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var link in await Locked(() => ExternalIdSql.AllAsync(q => RowsAsync(q, ct)))) yield return link;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }

    private static void InsertEvents(SqliteStatements statements, IEnumerable<RegistryEvent> events)
    {
        foreach (var e in events) statements.Command(SqliteSql.InsertEvent, SqliteSql.EventValues(e)).ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params object?[] values) => SqliteSql.Command(_connection, null, sql, values);

    private SqliteCommand NamedCommand((string Sql, IReadOnlyList<(string Name, object Value)> Parameters) query) => SqliteSql.Named(_connection, null, query);

    internal async Task<T> Locked<T>(Func<Task<T>> work)
    {
        await _gate.WaitAsync();
        try { return await work(); }
        finally { _gate.Release(); }
    }

    private static async Task ExecAsync(SqliteConnection c, string sql, CancellationToken ct)
    {
        using var cmd = SqliteSql.Command(c, null, sql);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection c, string sql, CancellationToken ct, params object[] values)
    {
        using var cmd = SqliteSql.Command(c, null, sql, values);
        var result = await cmd.ExecuteScalarAsync(ct);
        return result is DBNull ? null : result;
    }
}
