using Microsoft.Data.Sqlite;

namespace Names.Resolver.Storage.Sqlite;

/// <summary>
/// SQLite text written once for the run's store and the service's sessions: positional parameters, the named-parameter
/// queries of the shared SQL (<see cref="PendingProposalSql"/>, <see cref="ReviewQueueRefresh"/>), and the rows a
/// <see cref="RegistryBatch"/> writes. Each caller hands in how it gets a command (prepared once per batch, or once per
/// pooled connection).
/// </summary>
internal static class SqliteSql
{
    public static readonly string[] ParamNames = ["$a", "$b", "$c", "$d", "$e", "$f", "$g", "$h", "$i", "$j", "$k", "$l", "$m"];

    public const string UpsertMeta = "INSERT INTO meta(key, value) VALUES ($a,$b) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
    public const string LatestModel = "SELECT version, kind, parameters, note, created FROM models WHERE $a IS NULL OR kind = $a ORDER BY version DESC LIMIT 1";
    private static readonly string UpsertExternalId = ExternalIdSql.Upsert(i => ParamNames[i]);
    private static readonly string InsertVariant = $"INSERT INTO variants({RegistryRows.VariantColumns}) VALUES ($a,$b,$c,$d,$e,$f,$g,$h,$i,$j,$k,$l,$m)";
    public const string InsertEvent = "INSERT INTO events(type, entity_id, other_id, actor, detail, time) VALUES ($a,$b,$c,$d,$e,$f)";

    /// <summary>A command with positional parameters ($a, $b ...), null as NULL.</summary>
    public static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, params object?[] values)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (int i = 0; i < values.Length; i++) cmd.Parameters.AddWithValue(ParamNames[i], values[i] ?? DBNull.Value);
        return cmd;
    }

    /// <summary>A command for a query of the shared SQL (named parameters, @name).</summary>
    public static SqliteCommand Named(SqliteConnection c, SqliteTransaction? tx, (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) query)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = query.Sql;
        foreach (var (name, value) in query.Parameters) cmd.Parameters.AddWithValue("@" + name, value);
        return cmd;
    }

    /// <summary>The rows of a query of the shared SQL, as values (for <see cref="PendingProposalPager"/> and <see cref="ReviewQueueCheck"/>).</summary>
    public static async Task<List<object?[]>> RowsAsync(SqliteConnection c, (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) query, CancellationToken ct,
        SqliteTransaction? tx = null)
    {
        using var cmd = Named(c, tx, query);
        using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<object?[]>();
        while (r.Read()) rows.Add(RegistryRows.Values(r));
        return rows;
    }

    public static object?[] EventValues(RegistryEvent e) => [e.Type, e.EntityId, e.OtherId, e.Actor, e.Detail, RegistryRows.TimeText(e.Time)];

    /// <summary>
    /// Writes the batch's rows in the caller's transaction (<paramref name="execute"/> runs a text with its values) and,
    /// when it adds proposals, brings the review queue up to date (<see cref="ReviewQueueRefresh"/>).
    /// <paramref name="statementLevel"/>: the schema's row triggers are off while the batch is written and their work is
    /// done once for all its rows (<see cref="SqliteBulkCounts"/>): a bulk batch of thousands of variants.
    /// </summary>
    public static async Task WriteBatchAsync(RegistryBatch batch, Action<string, object?[]> execute, SqliteConnection c, SqliteTransaction tx,
        CancellationToken ct, bool statementLevel = false)
    {
        using var triggersOff = statementLevel ? SqliteBulkCounts.TriggersOff(c) : null;
        foreach (var e in batch.NewEntities)
            execute("INSERT INTO entities(id, kind, canonical_name, status, survivor_id) VALUES ($a,$b,$c,$d,$e)", [e.Id, e.Kind, e.CanonicalName, e.Status, e.SurvivorId]);
        foreach (var v in batch.NewVariants)
        {
            execute(InsertVariant,
                [v.Id, v.EntityId, v.Kind, v.DisplayName, v.NameKey, v.CompactKey, v.AltKey, v.Country, v.Features, v.SourceFile, v.SourceRow, v.SourceRecordId, v.RawName]);
            execute("INSERT INTO names_fts(rowid, display_name) VALUES ($a,$b)", [v.Id, v.DisplayName]);
        }
        if (triggersOff is not null) SqliteBulkCounts.VariantsAdded(batch.NewVariants, execute);
        foreach (var e in batch.Events) execute(InsertEvent, EventValues(e));
        foreach (var p in batch.NewProposals)
        {
            execute("INSERT INTO proposals(entity_a, entity_b, score, explanation, status, created, contributions) VALUES ($a,$b,$c,$d,$e,$f,$g)",
                [p.EntityA, p.EntityB, p.Score, p.Explanation, p.Status, RegistryRows.TimeText(p.Created), ContributionsJson.Write(p.Contributions)]);
            if (triggersOff is not null && p.Status == ProposalStatus.Pending) SqliteBulkCounts.ProposalAdded(p, execute);
        }
        foreach (var x in batch.ExternalIds)
            execute(UpsertExternalId, [x.Scheme, x.Value, x.EntityId, x.Source, x.Status, RegistryRows.TimeText(x.Time)]);
        foreach (var (key, value) in batch.Meta) execute(UpsertMeta, [key, value]);
        if (batch.NewProposals.Count > 0) await RefreshReviewQueueAsync(c, tx, [], ct);
    }

    /// <summary>Runs <see cref="ReviewQueueRefresh"/> inside the writer's transaction.</summary>
    public static Task RefreshReviewQueueAsync(SqliteConnection c, SqliteTransaction tx, IReadOnlyCollection<string> entityIds, CancellationToken ct) =>
        ReviewQueueRefresh.RunAsync(async q =>
        {
            using var cmd = Named(c, tx, q);
            return await cmd.ExecuteNonQueryAsync(ct);
        }, entityIds, lockCounted: false);
}

/// <summary>Commands prepared once per text for the rows of one batch (bulk batches insert thousands of rows per text).</summary>
internal sealed class SqliteStatements(SqliteConnection connection, SqliteTransaction tx) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    public SqliteCommand Command(string sql, object?[] values)
    {
        if (!_prepared.TryGetValue(sql, out var cmd))
        {
            cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            for (int i = 0; i < values.Length; i++) cmd.Parameters.Add(new SqliteParameter(SqliteSql.ParamNames[i], null));
            cmd.Prepare();
            _prepared[sql] = cmd;
        }
        for (int i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        return cmd;
    }

    public void Dispose()
    {
        foreach (var cmd in _prepared.Values) cmd.Dispose();
    }
}
