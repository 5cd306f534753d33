using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Names.Resolver.Privacy;

/// <summary>
/// The read audit's rows and their hash chain: each row stores SHA-256(previous row's chain, its own fields), so a row
/// changed, inserted between or taken out breaks the chain from there on (the schema's triggers refuse updates and
/// deletes besides). Appends hold the store's write lock (<see cref="IPersonalDataSql.LockReadAuditAsync"/>), so the
/// chain has one order across processes. Times are kept to the microsecond, which both stores hold exactly.
/// </summary>
internal static class ReadAuditChain
{
    /// <summary>Chain value before the first row.</summary>
    private const string Start = "";

    public static async Task<int> AppendAsync(IPersonalDataSql sql, IReadOnlyList<ReadAuditEntry> entries, CancellationToken ct)
    {
        await sql.LockReadAuditAsync(ct);
        var last = await sql.RowsAsync(("SELECT chain FROM read_audit ORDER BY id DESC LIMIT 1", []), ct);
        var chain = last.Count == 0 ? Start : (string)last[0][0]!;
        foreach (var e in entries)
        {
            var time = Microseconds(e.Time);
            chain = Link(chain, e with { Time = time });
            await sql.ExecAsync(("""
                INSERT INTO read_audit(key_name, time, endpoint, entity_id, status, chain) VALUES (@key, @time, @endpoint, @entity, @status, @chain)
                """, [("key", e.KeyName), ("time", sql.Time(time)), ("endpoint", e.Endpoint), ("entity", e.EntityId), ("status", (long)e.Status), ("chain", chain)]), ct);
        }
        return entries.Count;
    }

    public static async Task<IReadOnlyList<ReadAuditEntry>> ReadAsync(IPersonalDataSql sql, string? entityId, string? keyName, CancellationToken ct) =>
        (await sql.ReadAsync(("""
            SELECT key_name, time, endpoint, entity_id, status, id FROM read_audit
            WHERE (@entity = '' OR entity_id = @entity) AND (@key = '' OR key_name = @key) ORDER BY id
            """, [("entity", entityId ?? ""), ("key", keyName ?? "")]),
            r => new ReadAuditEntry(r.GetString(0), Storage.RegistryRows.Time(r, 1), r.GetString(2), r.GetString(3), Convert.ToInt32(r.GetValue(4), CultureInfo.InvariantCulture), r.GetInt64(5)), ct));

    /// <summary>Recomputes the chain over every row; one problem at the first row where it breaks.</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(IPersonalDataSql sql, CancellationToken ct)
    {
        var chain = Start;
        foreach (var (entry, stored) in await sql.ReadAsync(("SELECT key_name, time, endpoint, entity_id, status, id, chain FROM read_audit ORDER BY id", []),
                     r => (new ReadAuditEntry(r.GetString(0), Storage.RegistryRows.Time(r, 1), r.GetString(2), r.GetString(3), Convert.ToInt32(r.GetValue(4), CultureInfo.InvariantCulture), r.GetInt64(5)),
                         r.GetString(6)), ct))
        {
            chain = Link(chain, entry);
            if (chain != stored) return [$"read audit: row {entry.Id} does not continue the chain (a row was changed, inserted or taken out at or before it)"];
        }
        return [];
    }

    private static string Link(string previous, ReadAuditEntry e)
    {
        var text = string.Join('\n', previous, e.KeyName, e.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            e.Endpoint, e.EntityId, e.Status.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static DateTimeOffset Microseconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);
}
