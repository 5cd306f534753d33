using System.Data.Common;
using Names.Resolver.Storage;
using SqlQuery = (string Sql, System.Collections.Generic.IReadOnlyList<(string Name, object Value)> Parameters);

namespace Names.Resolver.Privacy;

/// <summary>
/// One open transaction of a registry store, as the shared data-protection SQL (<see cref="ErasurePlan"/>,
/// <see cref="PersonalDataQueries"/>, <see cref="ReadAuditChain"/>) runs in it: named parameters (@name), one text for
/// both stores; the few things that differ are methods here.
/// </summary>
internal interface IPersonalDataSql
{
    Task<List<T>> ReadAsync<T>(SqlQuery query, Func<DbDataReader, T> map, CancellationToken ct);
    Task<List<object?[]>> RowsAsync(SqlQuery query, CancellationToken ct);
    Task<int> ExecAsync(SqlQuery query, CancellationToken ct);
    /// <summary>A time as the store keeps it (SQLite: round-trip text; PostgreSQL: timestamptz).</summary>
    object Time(DateTimeOffset time);
    /// <summary>Before an entity's variants are deleted: forgets their text in the store's own name search (SQLite: the contentless FTS table).</summary>
    Task ForgetSearchTextAsync(string entityId, CancellationToken ct);
    /// <summary>After the variants went: rewrites what keeps deleted text until merged (SQLite: FTS optimize).</summary>
    Task CompactSearchTextAsync(CancellationToken ct);
    /// <summary>Appends events, as the last write of the transaction (PostgreSQL takes the event-order lock here).</summary>
    Task AddEventsAsync(IReadOnlyList<RegistryEvent> events, CancellationToken ct);
    /// <summary>Serialises appends to the read audit across processes until the transaction ends (SQLite: the write transaction already does).</summary>
    Task LockReadAuditAsync(CancellationToken ct);
}
