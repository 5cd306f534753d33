using System.Data.Common;
using Names.Resolver.Privacy;
using Npgsql;
using static Names.Resolver.Storage.Postgres.PostgresCommands;
using SqlQuery = (string Sql, System.Collections.Generic.IReadOnlyList<(string Name, object Value)> Parameters);

namespace Names.Resolver.Storage.Postgres;

/// <summary>
/// Data protection on the PostgreSQL registry: each call on its own pooled connection, writes in one transaction. After
/// an erasure the touched tables are vacuumed, so the deleted rows' tuples are pruned from the tables rather than left
/// as dead rows (a dump never shows dead rows; the files' freed space is reused, PostgreSQL has no secure delete).
/// </summary>
internal sealed class PostgresPersonalDataStore(NpgsqlDataSource dataSource) : PersonalDataStore
{
    /// <summary>Advisory lock key that orders appends to the read audit's hash chain across instances.</summary>
    private const long ReadAuditLock = 0x4E414D45_53000003; // "NAMES" + 3

    private const string Vacuumed = "variants, entities, events, proposals, review_queue, review_decisions, cannot_links, idempotent_answers, entity_countries, entity_sources";

    protected override async Task<T> ReadAsync<T>(Func<IPersonalDataSql, Task<T>> work, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct); // one snapshot for the whole answer
        return await work(new Sql(c, tx));
    }

    protected override async Task<T> WriteAsync<T>(Func<IPersonalDataSql, Task<T>> work, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var result = await work(new Sql(c, tx));
        await tx.CommitAsync(ct);
        return result;
    }

    protected override async Task<string?> AfterErasureAsync(CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await ExecAsync(c, null, "VACUUM " + Vacuumed, ct);
        return null;
    }

    private sealed class Sql(NpgsqlConnection c, NpgsqlTransaction tx) : IPersonalDataSql
    {
        public async Task<List<T>> ReadAsync<T>(SqlQuery query, Func<DbDataReader, T> map, CancellationToken ct)
        {
            await using var cmd = Named(query);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<T>();
            while (await r.ReadAsync(ct)) list.Add(map(r));
            return list;
        }

        public Task<List<object?[]>> RowsAsync(SqlQuery query, CancellationToken ct) => ReadAsync(query, RegistryRows.Values, ct);

        public async Task<int> ExecAsync(SqlQuery query, CancellationToken ct)
        {
            await using var cmd = Named(query);
            return await cmd.ExecuteNonQueryAsync(ct);
        }

        private NpgsqlCommand Named(SqlQuery query)
        {
            var cmd = new NpgsqlCommand(query.Sql, c, tx);
            foreach (var (name, value) in query.Parameters) cmd.Parameters.AddWithValue(name, value);
            return cmd;
        }

        public object Time(DateTimeOffset time) => Utc(time);

        public Task ForgetSearchTextAsync(string entityId, CancellationToken ct) => Task.CompletedTask; // the trigram index follows the table

        public Task CompactSearchTextAsync(CancellationToken ct) => Task.CompletedTask; // VACUUM after commit

        public async Task AddEventsAsync(IReadOnlyList<RegistryEvent> events, CancellationToken ct)
        {
            foreach (var e in events) await InsertEventAsync(c, tx, e, ct);
        }

        public Task LockReadAuditAsync(CancellationToken ct) => PostgresCommands.ExecAsync(c, tx, "SELECT pg_advisory_xact_lock($1)", ct, ReadAuditLock);
    }
}
