using Names.Resolver.Service;
using Npgsql;
using static Names.Resolver.Storage.Postgres.PostgresCommands;

namespace Names.Resolver.Storage.Postgres;

/// <summary>
/// <see cref="IOnlineRegistry"/>, <see cref="IApiKeyStore"/> and <see cref="IKeyRingStore"/> on PostgreSQL. A decision about one name runs in a
/// READ COMMITTED transaction that first takes <c>pg_advisory_xact_lock</c> on the name's 64-bit hash: concurrent
/// transactions for the same name, from any process, queue on it and each re-reads what the previous one committed;
/// the unique index on variants backs this up. Ids come from the minter sequence row in <c>meta</c>, updated in the
/// same transaction (its row lock serialises minting across instances).
/// </summary>
public sealed class PostgresOnlineRegistry : IOnlineRegistry, IApiKeyStore, IKeyRingStore
{
    /// <summary>Advisory lock of the API-key bootstrap (first admin key).</summary>
    private const long FirstKeyLock = 0x4E414D45_53000002;

    private readonly NpgsqlDataSource _dataSource;

    private PostgresOnlineRegistry(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public string Provider => "postgresql";

    public static async Task<PostgresOnlineRegistry> OpenAsync(string connectionString, CancellationToken ct = default)
    {
        return new PostgresOnlineRegistry(await PostgresMigrations.OpenAsync(connectionString, ct));
    }

    public async Task<T> ReadAsync<T>(Func<IRegistrySession, Task<T>> work, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await work(new PostgresRegistrySession(c, null));
    }

    /// <summary>Attempts at a write that PostgreSQL aborts to break a deadlock or a serialization conflict.</summary>
    private const int WriteAttempts = 4;

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction under the name's lock. Two writers that lock the same entity rows
    /// in opposite orders (a new variant of each entity proposing the other, at the same moment) can deadlock:
    /// PostgreSQL aborts one. Its transaction is rolled back whole (no variant, event or id of it is visible; an id it
    /// minted was never issued), so the work runs again from the start instead of the request failing.
    /// </summary>
    public async Task<T> WriteLockedAsync<T>(string lockKey, Func<IRegistrySession, Task<T>> work, CancellationToken ct = default)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteLockedOnceAsync(lockKey, work, ct);
            }
            catch (PostgresException e) when (attempt < WriteAttempts && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), ct); // the two writers apart
            }
        }
    }

    private async Task<T> WriteLockedOnceAsync<T>(string lockKey, Func<IRegistrySession, Task<T>> work, CancellationToken ct)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await ExecAsync(c, tx, "SELECT pg_advisory_xact_lock($1)", ct, NameLockKey.Hash64(lockKey));
        var result = await work(new PostgresRegistrySession(c, tx));
        await tx.CommitAsync(ct);
        return result;
    }

    public async Task<int> CheckHealthAsync(CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await PostgresMigrations.CurrentAsync(c, ct);
    }

    public async Task<CreatedApiKey> AddKeyAsync(string name, ApiRole role, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await InsertKeyAsync(c, null, name, role, ct);
    }

    public async Task<CreatedApiKey?> CreateFirstAdminKeyAsync(CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await ExecAsync(c, tx, "SELECT pg_advisory_xact_lock($1)", ct, FirstKeyLock);
        if (Convert.ToInt64(await ScalarAsync(c, tx, "SELECT COUNT(*) FROM api_keys", ct)) > 0) return null;
        var created = await InsertKeyAsync(c, tx, "first-admin", ApiRole.Admin, ct);
        await tx.CommitAsync(ct);
        return created;
    }

    private static async Task<CreatedApiKey> InsertKeyAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string name, ApiRole role, CancellationToken ct)
    {
        var key = ApiKeySecret.NewKey();
        var now = DateTimeOffset.UtcNow;
        var record = new ApiKeyRecord(0, name, role, ApiKeySecret.Hash(key), ApiKeySecret.DisplayPrefix(key), now);
        var id = Convert.ToInt64(await ScalarAsync(c, tx, "INSERT INTO api_keys(name, role, key_hash, prefix, created) VALUES ($1,$2,$3,$4,$5) RETURNING id", ct,
            record.Name, role.ToText(), record.KeyHash, record.Prefix, Utc(now)));
        return new CreatedApiKey(record with { Id = id }, key);
    }

    public async Task<ApiKeyRecord?> FindKeyAsync(string keyHash, CancellationToken ct = default) =>
        (await QueryKeysAsync("SELECT id, name, role, key_hash, prefix, created FROM api_keys WHERE key_hash = $1", ct, keyHash)).FirstOrDefault();

    public Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(int offset, int limit, CancellationToken ct = default) =>
        QueryKeysAsync("SELECT id, name, role, key_hash, prefix, created FROM api_keys ORDER BY id LIMIT $1 OFFSET $2", ct, limit, offset);

    public async Task<long> CountKeysAsync(CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return Convert.ToInt64(await ScalarAsync(c, null, "SELECT COUNT(*) FROM api_keys", ct));
    }

    private async Task<IReadOnlyList<ApiKeyRecord>> QueryKeysAsync(string sql, CancellationToken ct, params object[] values)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var cmd = Create(c, null, sql, values);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ApiKeyRecord>();
        while (await r.ReadAsync(ct))
            list.Add(new ApiKeyRecord(r.GetInt64(0), r.GetString(1), ApiRoleText.Parse(r.GetString(2)) ?? ApiRole.Reader, r.GetString(3), r.GetString(4), ReadTime(r, 5)));
        return list;
    }

    public async Task<IdempotentAnswer?> GetAnswerAsync(string scope, string key, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await ReadAnswerAsync(c, scope, key, ct);
    }

    public async Task<IdempotentAnswer> SaveAnswerAsync(IdempotentAnswer answer, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await ExecAsync(c, null, "INSERT INTO idempotent_answers(scope, key, request_hash, status, body, created) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING", ct,
            answer.Scope, answer.Key, answer.RequestHash, answer.Status, answer.Body, Utc(answer.Created));
        return (await ReadAnswerAsync(c, answer.Scope, answer.Key, ct))!;
    }

    private static async Task<IdempotentAnswer?> ReadAnswerAsync(NpgsqlConnection c, string scope, string key, CancellationToken ct)
    {
        await using var cmd = Create(c, null, "SELECT request_hash, status, body, created FROM idempotent_answers WHERE scope = $1 AND key = $2", scope, key);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new IdempotentAnswer(scope, key, r.GetString(0), r.GetInt32(1), r.GetString(2), ReadTime(r, 3)) : null;
    }

    public async Task<IReadOnlyList<string>> ListKeyRingElementsAsync(CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var cmd = Create(c, null, "SELECT xml FROM data_protection_keys ORDER BY id");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<string>();
        while (await r.ReadAsync(ct)) list.Add(r.GetString(0));
        return list;
    }

    public async Task AddKeyRingElementAsync(string name, string xml, CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await ExecAsync(c, null, "INSERT INTO data_protection_keys(name, xml, created) VALUES ($1, $2, $3)", ct, name, xml, Utc(DateTimeOffset.UtcNow));
    }

    public async Task<bool> ClaimFirstKeyAsync(CancellationToken ct = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        return await ExecAsync(c, null, "INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", ct,
            IKeyRingStore.FirstKeyClaimMetaKey, DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture)) == 1;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
