namespace Names.Resolver.Service;

/// <summary>
/// The registry as the real-time service sees it: many concurrent short transactions, each on its own connection,
/// so that several processes on one database see each other's writes at once. Writes that decide about one name run
/// under a lock held by the database (SQLite: BEGIN IMMEDIATE; PostgreSQL: pg_advisory_xact_lock on the name's hash),
/// never under an in-process lock alone.
/// </summary>
public interface IOnlineRegistry : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgresql".</summary>
    string Provider { get; }

    /// <summary>Runs read-only work on one connection (a consistent snapshot where the database offers one).</summary>
    Task<T> ReadAsync<T>(Func<IRegistrySession, Task<T>> work, CancellationToken ct = default);

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction that holds the database lock for <paramref name="lockKey"/>
    /// (two transactions with the same key never overlap, in any process); commits when the work returns, rolls back
    /// when it throws.
    /// </summary>
    Task<T> WriteLockedAsync<T>(string lockKey, Func<IRegistrySession, Task<T>> work, CancellationToken ct = default);

    /// <summary>Throws when the database cannot answer a trivial query; returns the schema version otherwise.</summary>
    Task<int> CheckHealthAsync(CancellationToken ct = default);
}
