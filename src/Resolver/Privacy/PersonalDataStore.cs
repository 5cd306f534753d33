using System.Globalization;
using Names.Resolver.Storage;

namespace Names.Resolver.Privacy;

/// <summary>
/// <see cref="IPersonalDataStore"/> written once over the shared SQL; a store supplies how it runs work in a read or
/// a write transaction (<see cref="IPersonalDataSql"/>) and what it does after an erasure commits (SQLite: WAL
/// checkpoint; PostgreSQL: VACUUM), so that the deleted text leaves the files too.
/// </summary>
internal abstract class PersonalDataStore : IPersonalDataStore
{
    protected abstract Task<T> ReadAsync<T>(Func<IPersonalDataSql, Task<T>> work, CancellationToken ct);
    protected abstract Task<T> WriteAsync<T>(Func<IPersonalDataSql, Task<T>> work, CancellationToken ct);
    /// <summary>After an erasure committed: what makes the store's files forget the deleted rows; a note when it could not be done now.</summary>
    protected abstract Task<string?> AfterErasureAsync(CancellationToken ct);

    public async Task<ErasureOutcome> EraseAsync(ErasureRequest request, CancellationToken ct = default)
    {
        var outcome = await WriteAsync(sql => ErasurePlan.EraseAsync(sql, request, ct), ct);
        return outcome.Status == ErasureStatus.Erased ? outcome with { Note = await AfterErasureAsync(ct) } : outcome;
    }

    public Task<IReadOnlyList<ErasureRecord>> GetErasuresAsync(string? entityId, CancellationToken ct = default) =>
        ReadAsync(sql => ErasurePlan.ReadErasuresAsync(sql, entityId, ct), ct);

    public Task<PersonalDataReport?> GetPersonalDataAsync(string id, CancellationToken ct = default) =>
        ReadAsync(async sql =>
        {
            var entity = await sql.ReadAsync(("SELECT id, kind, canonical_name, status, survivor_id FROM entities WHERE id = @id", [("id", id)]), RegistryRows.Entity, ct);
            if (entity.Count == 0) return null;
            var root = entity[0];
            for (int step = 0; root is { Status: EntityStatus.Absorbed, SurvivorId: { } next } && step < SurvivorWalk.MaxSteps; step++)
                root = (await sql.ReadAsync(("SELECT id, kind, canonical_name, status, survivor_id FROM entities WHERE id = @id", [("id", next)]), RegistryRows.Entity, ct))[0];
            var ids = (await sql.RowsAsync(("""
                WITH RECURSIVE c(id) AS (SELECT CAST(@id AS TEXT) UNION SELECT e.id FROM entities e JOIN c ON e.survivor_id = c.id)
                SELECT id FROM c ORDER BY id
                """, [("id", root.Id)]), ct)).Select(r => (string)r[0]!).ToList();
            var variants = new List<VariantRecord>();
            var events = new Dictionary<long, RegistryEvent>();
            var proposals = new Dictionary<long, ReviewProposal>();
            var decisions = new List<PersonalDataDecision>();
            var links = new List<PersonalDataCannotLink>();
            foreach (var e in ids)
            {
                IReadOnlyList<(string Name, object Value)> p = [("id", e)];
                variants.AddRange(await sql.ReadAsync(($"SELECT {RegistryRows.VariantColumns} FROM variants WHERE entity_id = @id ORDER BY id", p), RegistryRows.Variant, ct));
                foreach (var ev in await sql.ReadAsync(($"SELECT {RegistryRows.EventColumns} FROM events WHERE entity_id = @id OR other_id = @id", p), RegistryRows.Event, ct))
                    events[ev.Seq] = ev;
                foreach (var pr in await sql.ReadAsync(($"SELECT {RegistryRows.ProposalColumns} FROM proposals WHERE entity_a = @id OR entity_b = @id", p), RegistryRows.Proposal, ct))
                    proposals[pr.Id] = pr;
                links.AddRange(await sql.ReadAsync(("SELECT entity_a, entity_b, actor, reason, time FROM cannot_links WHERE entity_a = @id OR entity_b = @id", p),
                    r => new PersonalDataCannotLink(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), RegistryRows.Time(r, 4)), ct));
            }
            foreach (var pr in proposals.Keys.Order())
                decisions.AddRange(await sql.ReadAsync(("""
                    SELECT proposal_id, status, actor, time, comment, survivor_id, absorbed_id FROM review_decisions WHERE proposal_id = @id ORDER BY id
                    """, [("id", pr)]), r => new PersonalDataDecision(r.GetInt64(0), r.GetString(1), r.GetString(2), RegistryRows.Time(r, 3),
                    RegistryRows.Text(r, 4), RegistryRows.Text(r, 5), RegistryRows.Text(r, 6)), ct));
            var erasures = new List<ErasureRecord>();
            foreach (var e in ids) erasures.AddRange(await ErasurePlan.ReadErasuresAsync(sql, e, ct));
            return new PersonalDataReport(id, root.Id, root.Kind, root.Status, root.CanonicalName, ids, variants,
                events.Values.OrderBy(e => e.Seq).ToList(), proposals.Values.OrderBy(p => p.Id).ToList(), decisions, links, erasures);
        }, ct);

    public Task AppendReadAuditAsync(IReadOnlyList<ReadAuditEntry> entries, CancellationToken ct = default) =>
        entries.Count == 0 ? Task.CompletedTask : WriteAsync(sql => ReadAuditChain.AppendAsync(sql, entries, ct), ct);

    public Task<IReadOnlyList<ReadAuditEntry>> ReadAuditAsync(string? entityId, string? keyName, CancellationToken ct = default) =>
        ReadAsync(sql => ReadAuditChain.ReadAsync(sql, entityId, keyName, ct), ct);

    /// <remarks>The feed's event types; external_id_linked is written by the external identifier importers.</remarks>
    public Task<ChangePage> GetChangesAsync(long afterSeq, int limit, CancellationToken ct = default) =>
        ReadAsync(async sql =>
        {
            var changes = await sql.ReadAsync(($"""
                SELECT seq, type, entity_id, other_id, time, detail FROM events
                WHERE seq > @after AND (type IN ('minted', 'merged', 'split', 'erased', 'external_id_linked', 'external_id_updated')
                    OR (type = 'undone' AND detail LIKE '%{ErasurePlan.UnmergeMarker}%'))
                ORDER BY seq LIMIT @limit
                """, [("after", afterSeq), ("limit", (long)limit)]), r => ChangeOf(r.GetInt64(0), r.GetString(1), r.GetString(2), RegistryRows.Text(r, 3),
                RegistryRows.Time(r, 4), r.GetString(5)), ct);
            return new ChangePage(changes, changes.Count == 0 ? afterSeq : changes[^1].Seq);
        }, ct);

    /// <summary>An identifier event as the feed shows it (the log stores a merge as survivor + other = absorbed).</summary>
    private static IdentifierChange ChangeOf(long seq, string type, string entity, string? other, DateTimeOffset time, string detail) => type switch
    {
        RegistryEventType.Minted => new(seq, "minted", entity, null, other, time),
        RegistryEventType.Merged => new(seq, "merged", other!, entity, null, time),
        RegistryEventType.Undone => new(seq, "unmerged", other!, null, entity, time),
        RegistryEventType.Split => new(seq, "split", other!, null, entity, time),
        RegistryEventType.Erased => new(seq, "erased", entity, null, null, time),
        _ => new(seq, type, entity, null, other, time, detail),
    };

    public Task<IReadOnlyList<string>> CheckAsync(CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<string>>(async sql =>
        {
            var problems = new List<string>();
            foreach (var r in await sql.RowsAsync(($"""
                SELECT e.id,
                    (SELECT COUNT(*) FROM variants v WHERE v.entity_id = e.id),
                    (SELECT COUNT(*) FROM events x WHERE (x.entity_id = e.id OR x.other_id = e.id) AND x.type <> 'erased'
                        AND x.detail NOT IN ('{ErasurePlan.ScrubbedDetail}', '{ErasurePlan.ScrubbedUnmergeDetail}')),
                    (SELECT COUNT(*) FROM proposals p WHERE (p.entity_a = e.id OR p.entity_b = e.id) AND (p.status = 'pending' OR p.explanation <> '')),
                    length(e.canonical_name),
                    (SELECT COUNT(*) FROM erasures r WHERE r.entity_id = e.id),
                    (SELECT COUNT(*) FROM idempotent_answers a WHERE a.body LIKE '%"' || e.id || '"%')
                FROM entities e WHERE e.status = 'erased' ORDER BY e.id
                """, []), ct))
            {
                var (id, counts) = ((string)r[0]!, r.Skip(1).Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray());
                if (counts[0] > 0) problems.Add($"erased id {id}: {counts[0]} variants left");
                if (counts[1] > 0) problems.Add($"erased id {id}: {counts[1]} events still carry their detail text");
                if (counts[2] > 0) problems.Add($"erased id {id}: {counts[2]} proposals still pending or explained");
                if (counts[3] > 0) problems.Add($"erased id {id}: canonical name left");
                if (counts[4] == 0) problems.Add($"erased id {id}: no erasure record");
                if (counts[5] > 0) problems.Add($"erased id {id}: {counts[5]} stored idempotent answers name it");
            }
            problems.AddRange(await ReadAuditChain.CheckAsync(sql, ct));
            return problems;
        }, ct);
}
