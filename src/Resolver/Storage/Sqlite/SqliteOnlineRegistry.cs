using System.Globalization;
using Microsoft.Data.Sqlite;
using Names.Resolver.Service;

namespace Names.Resolver.Storage.Sqlite;

/// <summary>
/// <see cref="IOnlineRegistry"/>, <see cref="IApiKeyStore"/> and <see cref="IKeyRingStore"/> on a SQLite registry file (WAL). Every operation takes
/// a pooled connection of its own; writes run in <c>BEGIN IMMEDIATE</c> transactions, which SQLite serialises across
/// all processes using the file, so a decision re-checked inside one is final. An in-process gate merely queues this
/// process's writers so they do not spin on the database's busy handler.
/// </summary>
public sealed class SqliteOnlineRegistry : IOnlineRegistry, IApiKeyStore, IKeyRingStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentBag<SqliteConnectionLease> _idle = new();

    private SqliteOnlineRegistry(string connectionString) => _connectionString = connectionString;

    public string Provider => "sqlite";

    /// <summary>Opens (creating when absent) the registry file and applies its migrations (<see cref="SqliteMigrations"/>).</summary>
    public static async Task<SqliteOnlineRegistry> OpenAsync(string path, CancellationToken ct = default)
    {
        // The schema is created and upgraded by the store.
        await (await SqliteRegistryStore.OpenAsync(path, ct)).DisposeAsync();
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30,
        }.ToString();
        return new SqliteOnlineRegistry(cs);
    }

    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken ct)
    {
        SQLitePCL.Batteries_V2.Init();
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct);
        using var cmd = c.CreateCommand();
        // No memory-mapped reads: lookups answer from the read model, and loading it reads the whole variants table,
        // whose mapped pages would all count in the service's resident memory.
        cmd.CommandText = "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=FAST;"; // as SqliteRegistryStore
        await cmd.ExecuteNonQueryAsync(ct);
        return c;
    }

    /// <summary>An idle connection with its prepared statements, or a new one.</summary>
    private async Task<SqliteConnectionLease> LeaseAsync(CancellationToken ct) =>
        _idle.TryTake(out var lease) ? lease : new SqliteConnectionLease(await OpenConnectionAsync(ct));

    private void Return(SqliteConnectionLease lease, bool healthy)
    {
        lease.Transaction = null;
        if (healthy && !_disposed) _idle.Add(lease);
        else lease.Dispose();
    }

    public async Task<T> ReadAsync<T>(Func<IRegistrySession, Task<T>> work, CancellationToken ct = default)
    {
        var lease = await LeaseAsync(ct);
        var healthy = false;
        try
        {
            var result = await work(new SqliteRegistrySession(lease));
            healthy = true;
            return result;
        }
        finally { Return(lease, healthy); }
    }

    public async Task<T> WriteLockedAsync<T>(string lockKey, Func<IRegistrySession, Task<T>> work, CancellationToken ct = default)
    {
        await _writeGate.WaitAsync(ct);
        var lease = await LeaseAsync(ct);
        var healthy = false;
        try
        {
            // BEGIN IMMEDIATE takes SQLite's write lock for the whole file: stronger than a per-name lock, and held by the database.
            using var tx = lease.Connection.BeginTransaction(deferred: false);
            lease.Transaction = tx;
            var result = await work(new SqliteRegistrySession(lease));
            tx.Commit();
            healthy = true;
            return result;
        }
        finally
        {
            Return(lease, healthy);
            _writeGate.Release();
        }
    }

    public async Task<int> CheckHealthAsync(CancellationToken ct = default)
    {
        await using var c = await OpenConnectionAsync(ct);
        return Convert.ToInt32(await ScalarAsync(c, null, "PRAGMA user_version", ct), CultureInfo.InvariantCulture);
    }

    // ---- API keys and idempotent answers ----

    public async Task<CreatedApiKey> AddKeyAsync(string name, ApiRole role, CancellationToken ct = default)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            await using var c = await OpenConnectionAsync(ct);
            using var tx = c.BeginTransaction(deferred: false);
            var created = await InsertKeyAsync(c, tx, name, role, ct);
            tx.Commit();
            return created;
        }
        finally { _writeGate.Release(); }
    }

    public async Task<CreatedApiKey?> CreateFirstAdminKeyAsync(CancellationToken ct = default)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            await using var c = await OpenConnectionAsync(ct);
            using var tx = c.BeginTransaction(deferred: false);
            if (Convert.ToInt64(await ScalarAsync(c, tx, "SELECT COUNT(*) FROM api_keys", ct), CultureInfo.InvariantCulture) > 0) return null;
            var created = await InsertKeyAsync(c, tx, "first-admin", ApiRole.Admin, ct);
            tx.Commit();
            return created;
        }
        finally { _writeGate.Release(); }
    }

    private static async Task<CreatedApiKey> InsertKeyAsync(SqliteConnection c, SqliteTransaction tx, string name, ApiRole role, CancellationToken ct)
    {
        var key = ApiKeySecret.NewKey();
        var now = DateTimeOffset.UtcNow;
        var record = new ApiKeyRecord(0, name, role, ApiKeySecret.Hash(key), ApiKeySecret.DisplayPrefix(key), now);
        var id = Convert.ToInt64(await ScalarAsync(c, tx, "INSERT INTO api_keys(name, role, key_hash, prefix, created) VALUES ($a,$b,$c,$d,$e) RETURNING id", ct,
            record.Name, role.ToText(), record.KeyHash, record.Prefix, RegistryRows.TimeText(now)), CultureInfo.InvariantCulture);
        return new CreatedApiKey(record with { Id = id }, key);
    }

    public async Task<ApiKeyRecord?> FindKeyAsync(string keyHash, CancellationToken ct = default) =>
        (await QueryKeysAsync("SELECT id, name, role, key_hash, prefix, created FROM api_keys WHERE key_hash = $a", ct, keyHash)).FirstOrDefault();

    public Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(int offset, int limit, CancellationToken ct = default) =>
        QueryKeysAsync("SELECT id, name, role, key_hash, prefix, created FROM api_keys ORDER BY id LIMIT $a OFFSET $b", ct, limit, offset);

    public async Task<long> CountKeysAsync(CancellationToken ct = default)
    {
        await using var c = await OpenConnectionAsync(ct);
        return Convert.ToInt64(await ScalarAsync(c, null, "SELECT COUNT(*) FROM api_keys", ct), CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<ApiKeyRecord>> QueryKeysAsync(string sql, CancellationToken ct, params object[] values)
    {
        await using var c = await OpenConnectionAsync(ct);
        using var cmd = Command(c, null, sql, values);
        using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ApiKeyRecord>();
        while (await r.ReadAsync(ct))
            list.Add(new ApiKeyRecord(r.GetInt64(0), r.GetString(1), ApiRoleText.Parse(r.GetString(2)) ?? ApiRole.Reader, r.GetString(3), r.GetString(4),
                DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture)));
        return list;
    }

    public async Task<IdempotentAnswer?> GetAnswerAsync(string scope, string key, CancellationToken ct = default)
    {
        await using var c = await OpenConnectionAsync(ct);
        return await ReadAnswerAsync(c, null, scope, key, ct);
    }

    public async Task<IdempotentAnswer> SaveAnswerAsync(IdempotentAnswer answer, CancellationToken ct = default)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            await using var c = await OpenConnectionAsync(ct);
            using var tx = c.BeginTransaction(deferred: false);
            await ExecAsync(c, tx, "INSERT OR IGNORE INTO idempotent_answers(scope, key, request_hash, status, body, created) VALUES ($a,$b,$c,$d,$e,$f)", ct,
                answer.Scope, answer.Key, answer.RequestHash, answer.Status, answer.Body, RegistryRows.TimeText(answer.Created));
            var stored = await ReadAnswerAsync(c, tx, answer.Scope, answer.Key, ct);
            tx.Commit();
            return stored!;
        }
        finally { _writeGate.Release(); }
    }

    private static async Task<IdempotentAnswer?> ReadAnswerAsync(SqliteConnection c, SqliteTransaction? tx, string scope, string key, CancellationToken ct)
    {
        using var cmd = Command(c, tx, "SELECT request_hash, status, body, created FROM idempotent_answers WHERE scope = $a AND key = $b", scope, key);
        using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new IdempotentAnswer(scope, key, r.GetString(0), r.GetInt32(1), r.GetString(2), DateTimeOffset.Parse(r.GetString(3), CultureInfo.InvariantCulture))
            : null;
    }

    // ---- data-protection key ring ----

    public async Task<IReadOnlyList<string>> ListKeyRingElementsAsync(CancellationToken ct = default)
    {
        await using var c = await OpenConnectionAsync(ct);
        using var cmd = Command(c, null, "SELECT xml FROM data_protection_keys ORDER BY id");
        using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<string>();
        while (await r.ReadAsync(ct)) list.Add(r.GetString(0));
        return list;
    }

    public async Task AddKeyRingElementAsync(string name, string xml, CancellationToken ct = default)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            await using var c = await OpenConnectionAsync(ct);
            await ExecAsync(c, null, "INSERT INTO data_protection_keys(name, xml, created) VALUES ($a, $b, $c)", ct,
                name, xml, RegistryRows.TimeText(DateTimeOffset.UtcNow));
        }
        finally { _writeGate.Release(); }
    }

    public async Task<bool> ClaimFirstKeyAsync(CancellationToken ct = default)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            await using var c = await OpenConnectionAsync(ct);
            using var cmd = Command(c, null, "INSERT INTO meta(key, value) VALUES ($a, $b) ON CONFLICT(key) DO NOTHING",
                IKeyRingStore.FirstKeyClaimMetaKey, RegistryRows.TimeText(DateTimeOffset.UtcNow));
            return await cmd.ExecuteNonQueryAsync(ct) == 1;
        }
        finally { _writeGate.Release(); }
    }

    private volatile bool _disposed;

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryTake(out var lease)) lease.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, params object?[] values) => SqliteSql.Command(c, tx, sql, values);

    private static async Task ExecAsync(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken ct, params object?[] values)
    {
        using var cmd = Command(c, tx, sql, values);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken ct, params object?[] values)
    {
        using var cmd = Command(c, tx, sql, values);
        var result = await cmd.ExecuteScalarAsync(ct);
        return result is DBNull ? null : result;
    }
}
