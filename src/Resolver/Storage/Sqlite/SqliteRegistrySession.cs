using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Names.Resolver.Identifiers;
using Names.Resolver.Resolution;
using Names.Resolver.Storage;

using Names.Resolver.Service;

namespace Names.Resolver.Storage.Sqlite;

/// <summary>One leased connection (and, for writes, its BEGIN IMMEDIATE transaction) of a <see cref="SqliteOnlineRegistry"/>.</summary>
internal sealed class SqliteRegistrySession(SqliteConnectionLease lease) : IRegistrySession
{
    private const string VariantColumns = RegistryRows.VariantColumns;

    public async Task<VariantRecord?> FindVariantAsync(string kind, string nameKey, string compactKey, string country, CancellationToken ct)
    {
        var cmd = lease.Command($"SELECT {VariantColumns} FROM variants WHERE compact_key = $a AND name_key = $b AND kind = $c AND country = $d ORDER BY id LIMIT 1",
            compactKey, nameKey, kind, country);
        using var r = await cmd.ExecuteReaderAsync(ct);
        return r.Read() ? RegistryRows.Variant(r) : null;
    }

    /// <summary>One statement for all ids (a JSON array parameter), answers in the order of <paramref name="ids"/>.</summary>
    public async Task<IReadOnlyList<VariantRecord>> GetVariantsAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var byId = new Dictionary<long, VariantRecord>(ids.Count);
        if (ids.Count == 0) return [];
        var cmd = lease.Command($"SELECT {VariantColumns} FROM variants WHERE id IN (SELECT value FROM json_each($a))", JsonSerializer.Serialize(ids));
        using (var r = await cmd.ExecuteReaderAsync(ct))
            while (r.Read()) { var v = RegistryRows.Variant(r); byId[v.Id] = v; }
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    public async Task<EntityRecord?> GetEntityAsync(string id, CancellationToken ct)
    {
        var cmd = lease.Command("SELECT id, kind, canonical_name, status, survivor_id FROM entities WHERE id = $a", id);
        using var r = await cmd.ExecuteReaderAsync(ct);
        return r.Read() ? new EntityRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)) : null;
    }

    public async Task<IReadOnlyDictionary<string, EntityRecord>> GetEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var result = new Dictionary<string, EntityRecord>(StringComparer.Ordinal);
        if (ids.Count == 0) return result;
        var cmd = lease.Command("SELECT id, kind, canonical_name, status, survivor_id FROM entities WHERE id IN (SELECT value FROM json_each($a))", JsonSerializer.Serialize(ids));
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (r.Read()) result[r.GetString(0)] = new EntityRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4));
        return result;
    }

    public async Task<IReadOnlyList<VariantRecord>> GetVariantsOfEntityAsync(string entityId, int offset, int limit, CancellationToken ct)
    {
        var cmd = lease.Command($"SELECT {VariantColumns} FROM variants WHERE entity_id = $a ORDER BY id LIMIT $b OFFSET $c", entityId, limit, offset);
        using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<VariantRecord>();
        while (r.Read()) list.Add(RegistryRows.Variant(r));
        return list;
    }

    public async Task<long> CountVariantsOfEntityAsync(string entityId, CancellationToken ct) =>
        Convert.ToInt64(await lease.Command("SELECT COUNT(*) FROM variants WHERE entity_id = $a", entityId).ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<RegistryEvent>> GetEventsAsync(string entityId, int offset, int limit, CancellationToken ct)
    {
        var cmd = lease.Command("SELECT seq, type, entity_id, other_id, actor, detail, time FROM events WHERE entity_id = $a OR other_id = $a ORDER BY seq LIMIT $b OFFSET $c",
            entityId, limit, offset);
        using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<RegistryEvent>();
        while (r.Read()) list.Add(RegistryRows.Event(r));
        return list;
    }

    public async Task<long> CountEventsAsync(string entityId, CancellationToken ct) =>
        Convert.ToInt64(await lease.Command("SELECT COUNT(*) FROM events WHERE entity_id = $a OR other_id = $a", entityId).ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);

    public Task<ExternalIdLink?> FindExternalIdAsync(string scheme, string value, CancellationToken ct) =>
        ExternalIdSql.FindAsync(q => SqliteSql.RowsAsync(lease.Connection, q, ct, lease.Transaction), scheme, value);

    public Task<IReadOnlyList<ExternalIdLink>> GetExternalIdsAsync(string entityId, CancellationToken ct) =>
        ExternalIdSql.OfEntityAsync(q => SqliteSql.RowsAsync(lease.Connection, q, ct, lease.Transaction), entityId);

    public async Task<bool> ProposalExistsAsync(string entityA, string entityB, CancellationToken ct) =>
        await lease.Command("SELECT 1 FROM proposals WHERE (entity_a = $a AND entity_b = $b) OR (entity_a = $b AND entity_b = $a) LIMIT 1", entityA, entityB).ExecuteScalarAsync(ct) is not null;

    public async Task<bool> CannotLinkExistsAsync(string entityA, string entityB, CancellationToken ct)
    {
        var (a, b) = RegistryState.Pair(entityA, entityB); // stored in ordinal order (primary key)
        return await lease.Command("SELECT 1 FROM cannot_links WHERE entity_a = $a AND entity_b = $b", a, b).ExecuteScalarAsync(ct) is not null;
    }

    public async Task<ModelVersion?> GetLatestModelAsync(string? kind, CancellationToken ct)
    {
        var cmd = lease.Command(SqliteSql.LatestModel, kind);
        using var r = await cmd.ExecuteReaderAsync(ct);
        return r.Read() ? RegistryRows.Model(r) : null;
    }

    public async Task<IReadOnlyList<VariantRecord>> GetVariantsAfterAsync(long afterId, int limit, CancellationToken ct)
    {
        var cmd = lease.Command($"SELECT {VariantColumns} FROM variants WHERE id > $a ORDER BY id LIMIT $b", afterId, limit);
        using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<VariantRecord>();
        while (r.Read()) list.Add(RegistryRows.Variant(r));
        return list;
    }

    public Task<IReadOnlyList<RegistryEvent>> GetEventsAfterAsync(long afterSeq, int limit, CancellationToken ct) =>
        QueryEventsAsync(lease.Command("SELECT seq, type, entity_id, other_id, actor, detail, time FROM events WHERE seq > $a ORDER BY seq LIMIT $b", afterSeq, limit), ct);

    public async Task<IReadOnlyList<RegistryEvent>> GetEventsAsync(IReadOnlyCollection<long> seqs, CancellationToken ct) =>
        seqs.Count == 0 ? [] : await QueryEventsAsync(lease.Command(
            "SELECT seq, type, entity_id, other_id, actor, detail, time FROM events WHERE seq IN (SELECT value FROM json_each($a)) ORDER BY seq", JsonSerializer.Serialize(seqs)), ct);

    public async Task<long> GetLastEventSeqAsync(CancellationToken ct) =>
        Convert.ToInt64(await lease.Command("SELECT COALESCE(MAX(seq), 0) FROM events").ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);

    private static async Task<IReadOnlyList<RegistryEvent>> QueryEventsAsync(SqliteCommand cmd, CancellationToken ct)
    {
        using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<RegistryEvent>();
        while (r.Read()) list.Add(RegistryRows.Event(r));
        return list;
    }

    public async Task<string> MintIdAsync(char prefix, CancellationToken ct)
    {
        RequireTransaction();
        var seedText = await MetaAsync(ResolutionEngine.SeedMetaKey, ct);
        if (seedText is null)
        {
            seedText = "0"; // a fresh registry created by the service: seed 0, as `names resolve` without --seed
            await SetMetaAsync(ResolutionEngine.SeedMetaKey, seedText, ct);
        }
        var sequence = long.Parse(await MetaAsync(ResolutionEngine.SequenceMetaKey, ct) ?? "0", CultureInfo.InvariantCulture);
        var minter = new IdMinter(ulong.Parse(seedText, CultureInfo.InvariantCulture), sequence);
        string id;
        do id = minter.Mint(prefix);
        while (await lease.Command("SELECT 1 FROM entities WHERE id = $a", id).ExecuteScalarAsync(ct) is not null); // never re-issue, even on a 65-bit collision
        await SetMetaAsync(ResolutionEngine.SequenceMetaKey, minter.NextSequence.ToString(CultureInfo.InvariantCulture), ct);
        return id;
    }

    public async Task<long> NextVariantIdAsync(CancellationToken ct)
    {
        RequireTransaction();
        return Convert.ToInt64(await lease.Command("SELECT COALESCE(MAX(id), 0) + 1 FROM variants").ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    public Task WriteAsync(RegistryBatch batch, CancellationToken ct)
    {
        RequireTransaction();
        return SqliteSql.WriteBatchAsync(batch, (sql, values) => lease.Command(sql, values).ExecuteNonQuery(), lease.Connection, lease.Transaction!, ct);
    }

    private void RequireTransaction()
    {
        if (lease.Transaction is null) throw new InvalidOperationException("write outside WriteLockedAsync");
    }

    private async Task<string?> MetaAsync(string key, CancellationToken ct) =>
        (string?)await lease.Command("SELECT value FROM meta WHERE key = $a", key).ExecuteScalarAsync(ct);

    private Task SetMetaAsync(string key, string value, CancellationToken ct) => ExecAsync(SqliteSql.UpsertMeta, ct, key, value);

    private Task<int> ExecAsync(string sql, CancellationToken ct, params object?[] values) => lease.Command(sql, values).ExecuteNonQueryAsync(ct);


}
