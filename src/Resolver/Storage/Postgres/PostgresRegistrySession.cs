using System.Globalization;
using Names.Resolver.Identifiers;
using Names.Resolver.Resolution;
using Names.Resolver.Service;
using Npgsql;
using static Names.Resolver.Storage.Postgres.PostgresCommands;

namespace Names.Resolver.Storage.Postgres;

/// <summary>One connection (and, for writes, its advisory-locked transaction) of a <see cref="PostgresOnlineRegistry"/>.</summary>
internal sealed class PostgresRegistrySession(NpgsqlConnection c, NpgsqlTransaction? tx) : IRegistrySession
{
    public async Task<VariantRecord?> FindVariantAsync(string kind, string nameKey, string compactKey, string country, CancellationToken ct) =>
        (await QueryVariantsAsync($"SELECT {VariantColumns} FROM variants WHERE compact_key = $1 AND name_key = $2 AND kind = $3 AND country = $4 ORDER BY id LIMIT 1", ct,
            compactKey, nameKey, kind, country)).FirstOrDefault();

    public Task<IReadOnlyList<VariantRecord>> GetVariantsAsync(IReadOnlyCollection<long> ids, CancellationToken ct) =>
        PostgresRegistryStore.GetVariantsAsync(c, tx, ids, ct);

    public async Task<IReadOnlyDictionary<string, EntityRecord>> GetEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var result = new Dictionary<string, EntityRecord>(StringComparer.Ordinal);
        if (ids.Count == 0) return result;
        await using var cmd = Create(c, tx, "SELECT id, kind, canonical_name, status, survivor_id FROM entities WHERE id = ANY($1)", (object)ids.ToArray());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) { var e = RegistryRows.Entity(r); result[e.Id] = e; }
        return result;
    }

    public async Task<EntityRecord?> GetEntityAsync(string id, CancellationToken ct)
    {
        await using var cmd = Create(c, tx, "SELECT id, kind, canonical_name, status, survivor_id FROM entities WHERE id = $1", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? RegistryRows.Entity(r) : null;
    }

    public Task<IReadOnlyList<VariantRecord>> GetVariantsOfEntityAsync(string entityId, int offset, int limit, CancellationToken ct) =>
        QueryVariantsAsync($"SELECT {VariantColumns} FROM variants WHERE entity_id = $1 ORDER BY id LIMIT $2 OFFSET $3", ct, entityId, limit, offset);

    public async Task<long> CountVariantsOfEntityAsync(string entityId, CancellationToken ct) =>
        Convert.ToInt64(await ScalarAsync(c, tx, "SELECT COUNT(*) FROM variants WHERE entity_id = $1", ct, entityId));

    public async Task<IReadOnlyList<RegistryEvent>> GetEventsAsync(string entityId, int offset, int limit, CancellationToken ct)
    {
        await using var cmd = Create(c, tx, "SELECT seq, type, entity_id, other_id, actor, detail, time FROM events WHERE entity_id = $1 OR other_id = $1 ORDER BY seq LIMIT $2 OFFSET $3",
            entityId, limit, offset);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<RegistryEvent>();
        while (await r.ReadAsync(ct)) list.Add(RegistryRows.Event(r));
        return list;
    }

    public async Task<long> CountEventsAsync(string entityId, CancellationToken ct) =>
        Convert.ToInt64(await ScalarAsync(c, tx, "SELECT COUNT(*) FROM events WHERE entity_id = $1 OR other_id = $1", ct, entityId));

    public Task<ExternalIdLink?> FindExternalIdAsync(string scheme, string value, CancellationToken ct) =>
        ExternalIdSql.FindAsync(q => PostgresRegistryStore.RowsAsync(c, q, ct, tx), scheme, value);

    public Task<IReadOnlyList<ExternalIdLink>> GetExternalIdsAsync(string entityId, CancellationToken ct) =>
        ExternalIdSql.OfEntityAsync(q => PostgresRegistryStore.RowsAsync(c, q, ct, tx), entityId);

    public async Task<bool> ProposalExistsAsync(string entityA, string entityB, CancellationToken ct) =>
        await ScalarAsync(c, tx, "SELECT 1 FROM proposals WHERE (entity_a = $1 AND entity_b = $2) OR (entity_a = $2 AND entity_b = $1) LIMIT 1", ct, entityA, entityB) is not null;

    public async Task<bool> CannotLinkExistsAsync(string entityA, string entityB, CancellationToken ct)
    {
        var (a, b) = RegistryState.Pair(entityA, entityB); // stored in ordinal order (primary key)
        return await ScalarAsync(c, tx, "SELECT 1 FROM cannot_links WHERE entity_a = $1 AND entity_b = $2", ct, a, b) is not null;
    }

    public Task<ModelVersion?> GetLatestModelAsync(string? kind, CancellationToken ct) => PostgresRegistryStore.LatestModelAsync(c, tx, kind, ct);

    public Task<IReadOnlyList<VariantRecord>> GetVariantsAfterAsync(long afterId, int limit, CancellationToken ct) =>
        QueryVariantsAsync($"SELECT {VariantColumns} FROM variants WHERE id > $1 ORDER BY id LIMIT $2", ct, afterId, limit);

    public Task<IReadOnlyList<RegistryEvent>> GetEventsAfterAsync(long afterSeq, int limit, CancellationToken ct) =>
        QueryEventsAsync("SELECT seq, type, entity_id, other_id, actor, detail, time FROM events WHERE seq > $1 ORDER BY seq LIMIT $2", ct, afterSeq, limit);

    public async Task<IReadOnlyList<RegistryEvent>> GetEventsAsync(IReadOnlyCollection<long> seqs, CancellationToken ct) =>
        seqs.Count == 0 ? [] : await QueryEventsAsync("SELECT seq, type, entity_id, other_id, actor, detail, time FROM events WHERE seq = ANY($1) ORDER BY seq", ct, seqs.ToArray());

    public async Task<long> GetLastEventSeqAsync(CancellationToken ct) =>
        Convert.ToInt64(await ScalarAsync(c, tx, "SELECT COALESCE(MAX(seq), 0) FROM events", ct));

    private async Task<IReadOnlyList<RegistryEvent>> QueryEventsAsync(string sql, CancellationToken ct, params object?[] values)
    {
        await using var cmd = Create(c, tx, sql, values);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<RegistryEvent>();
        while (await r.ReadAsync(ct)) list.Add(RegistryRows.Event(r));
        return list;
    }

    public async Task<string> MintIdAsync(char prefix, CancellationToken ct)
    {
        var t = RequireTransaction();
        // A fresh registry created by the service gets seed 0, as `names resolve` without --seed.
        await ExecAsync(c, t, "INSERT INTO meta(key, value) VALUES ($1, '0') ON CONFLICT DO NOTHING", ct, ResolutionEngine.SeedMetaKey);
        var seed = ulong.Parse((string)(await ScalarAsync(c, t, "SELECT value FROM meta WHERE key = $1", ct, ResolutionEngine.SeedMetaKey))!, CultureInfo.InvariantCulture);
        // The row lock taken here is held until commit: minting is serialised across instances, and a rolled-back
        // transaction gives its sequence number back without any id having been seen.
        await ExecAsync(c, t, "INSERT INTO meta(key, value) VALUES ($1, '0') ON CONFLICT DO NOTHING", ct, ResolutionEngine.SequenceMetaKey);
        var sequence = long.Parse((string)(await ScalarAsync(c, t, "SELECT value FROM meta WHERE key = $1 FOR UPDATE", ct, ResolutionEngine.SequenceMetaKey))!,
            CultureInfo.InvariantCulture);
        var minter = new IdMinter(seed, sequence);
        string id;
        do id = minter.Mint(prefix);
        while (await ScalarAsync(c, t, "SELECT 1 FROM entities WHERE id = $1", ct, id) is not null); // never re-issue
        await ExecAsync(c, t, "UPDATE meta SET value = $2 WHERE key = $1", ct, ResolutionEngine.SequenceMetaKey, minter.NextSequence.ToString(CultureInfo.InvariantCulture));
        return id;
    }

    public async Task<long> NextVariantIdAsync(CancellationToken ct)
    {
        var t = RequireTransaction();
        return Convert.ToInt64(await ScalarAsync(c, t, "SELECT nextval('variant_ids')", ct));
    }

    public Task WriteAsync(RegistryBatch batch, CancellationToken ct) => WriteBatchAsync(c, RequireTransaction(), batch, ct, idsFromSequence: true);

    private NpgsqlTransaction RequireTransaction() => tx ?? throw new InvalidOperationException("write outside WriteLockedAsync");

    private async Task<IReadOnlyList<VariantRecord>> QueryVariantsAsync(string sql, CancellationToken ct, params object?[] values)
    {
        await using var cmd = Create(c, tx, sql, values);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<VariantRecord>();
        while (await r.ReadAsync(ct)) list.Add(RegistryRows.Variant(r));
        return list;
    }
}
