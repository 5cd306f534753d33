using System.Data.Common;
using Microsoft.Data.Sqlite;
using Names.Resolver.Privacy;
using SqlQuery = (string Sql, System.Collections.Generic.IReadOnlyList<(string Name, object Value)> Parameters);

namespace Names.Resolver.Storage.Sqlite;

/// <summary>
/// Data protection on the SQLite registry, on the store's one connection under its gate. An erasure runs with
/// <c>secure_delete</c> on (freed cells and pages are zeroed, not left in the file; every connection keeps it at FAST
/// otherwise) and is checkpointed into the database with the WAL truncated to zero bytes afterwards, so the deleted
/// names leave the WAL file too.
/// </summary>
internal sealed class SqlitePersonalDataStore(SqliteRegistryStore store) : PersonalDataStore
{
    /// <summary>How long a checkpoint waits for readers of older snapshots (other processes, pooled service connections).</summary>
    private static readonly TimeSpan CheckpointPatience = TimeSpan.FromSeconds(10);

    protected override Task<T> ReadAsync<T>(Func<IPersonalDataSql, Task<T>> work, CancellationToken ct) =>
        store.Locked(() => work(new Sql(store.Connection, null)));

    protected override Task<T> WriteAsync<T>(Func<IPersonalDataSql, Task<T>> work, CancellationToken ct) =>
        store.Locked(async () =>
        {
            await PragmaAsync("secure_delete = ON", ct); // every freed page zeroed too, not only freed bytes inside pages
            try
            {
                using var tx = store.Connection.BeginTransaction(); // BEGIN IMMEDIATE: every writer in any process waits
                var result = await work(new Sql(store.Connection, tx));
                tx.Commit();
                return result;
            }
            finally { await PragmaAsync("secure_delete = FAST", CancellationToken.None); }
        });

    protected override Task<string?> AfterErasureAsync(CancellationToken ct) =>
        store.Locked(async () =>
        {
            var until = DateTime.UtcNow + CheckpointPatience;
            while (true)
            {
                using var cmd = SqliteSql.Command(store.Connection, null, "PRAGMA wal_checkpoint(TRUNCATE);");
                using var r = await cmd.ExecuteReaderAsync(ct);
                if (!r.Read() || r.GetInt32(0) == 0) return (string?)null;
                if (DateTime.UtcNow > until)
                    return "the WAL could not be truncated: another process kept an older snapshot open; the erased rows may stay in the WAL file until its next checkpoint";
                await Task.Delay(50, ct);
            }
        });

    private async Task PragmaAsync(string pragma, CancellationToken ct)
    {
        using var cmd = SqliteSql.Command(store.Connection, null, "PRAGMA " + pragma + ";");
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private sealed class Sql(SqliteConnection c, SqliteTransaction? tx) : IPersonalDataSql
    {
        public async Task<List<T>> ReadAsync<T>(SqlQuery query, Func<DbDataReader, T> map, CancellationToken ct)
        {
            using var cmd = SqliteSql.Named(c, tx, query);
            using var r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<T>();
            while (r.Read()) list.Add(map(r));
            return list;
        }

        public Task<List<object?[]>> RowsAsync(SqlQuery query, CancellationToken ct) => ReadAsync(query, RegistryRows.Values, ct);

        public async Task<int> ExecAsync(SqlQuery query, CancellationToken ct)
        {
            using var cmd = SqliteSql.Named(c, tx, query);
            return await cmd.ExecuteNonQueryAsync(ct);
        }

        public object Time(DateTimeOffset time) => RegistryRows.TimeText(time);

        // A contentless FTS5 table forgets a row only when told its text; its pages keep the terms until merged (optimize).
        public Task ForgetSearchTextAsync(string entityId, CancellationToken ct) =>
            ExecAsync(("INSERT INTO names_fts(names_fts, rowid, display_name) SELECT 'delete', id, display_name FROM variants WHERE entity_id = @id", [("id", entityId)]), ct);

        public Task CompactSearchTextAsync(CancellationToken ct) => ExecAsync(("INSERT INTO names_fts(names_fts) VALUES ('optimize')", []), ct);

        public async Task AddEventsAsync(IReadOnlyList<RegistryEvent> events, CancellationToken ct)
        {
            foreach (var e in events)
            {
                using var cmd = SqliteSql.Command(c, tx, SqliteSql.InsertEvent, SqliteSql.EventValues(e));
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }

        public Task LockReadAuditAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
