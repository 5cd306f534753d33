using System.Globalization;
using Names.Resolver.Storage;

namespace Names.Resolver.Privacy;

/// <summary>
/// What erasing a natural person does to the registry, written once for both stores (a store runs it in one write
/// transaction and supplies <see cref="IPersonalDataSql"/>). The id asked for is followed to the entity it resolves
/// to; that entity and every id merged into it are the person. Their variants go (names, raw input names, provenance,
/// features), their canonical names are emptied and their status becomes <c>erased</c>; pending proposals naming them
/// go, decided ones lose their explanation and contributions, reviewers' comments and cannot-link reasons about them
/// are emptied, stored idempotent answers naming them go. Their earlier events keep type, ids, actor and time but lose
/// their detail text (the one edit the log allows; the erased event counts it). Each id gets an erasure row and an
/// <c>erased</c> event (detail: the reason). Ids are never deleted, so the minter never issues them again.
/// </summary>
internal static class ErasurePlan
{
    /// <summary>Detail of an earlier event after erasure; a merge undone says so still (a change feed reads it).</summary>
    public const string ScrubbedDetail = "(name text erased)";
    public const string ScrubbedUnmergeDetail = "merge undone " + ScrubbedDetail;
    /// <summary>What marks an undone event as the undo of a merge (ReviewDecisionPlan writes "proposal N: merge undone, ...").</summary>
    public const string UnmergeMarker = "merge undone";

    public static async Task<ErasureOutcome> EraseAsync(IPersonalDataSql sql, ErasureRequest request, CancellationToken ct)
    {
        var target = await FollowAsync(sql, request.Id, ct);
        if (target is null) return ErasureOutcome.Of(ErasureStatus.NotFound);
        var (id, kind, status) = target.Value;
        if (status == EntityStatus.Erased)
        {
            var record = (await ReadErasuresAsync(sql, id, ct)).FirstOrDefault();
            return new ErasureOutcome(ErasureStatus.AlreadyErased, id, [id], [], record?.Time);
        }
        if (kind != "person") return ErasureOutcome.Of(ErasureStatus.NotAPerson, id);

        var cluster = (await sql.RowsAsync(("""
            WITH RECURSIVE c(id) AS (SELECT CAST(@id AS TEXT) UNION SELECT e.id FROM entities e JOIN c ON e.survivor_id = c.id)
            SELECT id FROM c ORDER BY id
            """, [("id", id)]), ct)).Select(r => (string)r[0]!).ToList();
        var now = DateTimeOffset.UtcNow;
        var variants = new List<long>();
        int scrubbed = 0;
        foreach (var e in cluster)
        {
            IReadOnlyList<(string Name, object Value)> p = [("id", e)];
            variants.AddRange((await sql.RowsAsync(("SELECT id FROM variants WHERE entity_id = @id ORDER BY id", p), ct)).Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)));
            await sql.ForgetSearchTextAsync(e, ct);
            await sql.ExecAsync(("DELETE FROM variants WHERE entity_id = @id", p), ct);
            const string involving = "SELECT id FROM proposals WHERE entity_a = @id OR entity_b = @id";
            await sql.ExecAsync(($"DELETE FROM review_queue WHERE proposal_id IN ({involving}) OR current_a = @id OR current_b = @id", p), ct);
            await sql.ExecAsync(($"UPDATE review_decisions SET comment = NULL WHERE proposal_id IN ({involving}) OR survivor_id = @id OR absorbed_id = @id OR link_a = @id OR link_b = @id", p), ct);
            await sql.ExecAsync(("DELETE FROM proposals WHERE status = 'pending' AND (entity_a = @id OR entity_b = @id)", p), ct);
            await sql.ExecAsync(("UPDATE proposals SET explanation = '', contributions = '' WHERE entity_a = @id OR entity_b = @id", p), ct);
            await sql.ExecAsync(("UPDATE cannot_links SET reason = '' WHERE entity_a = @id OR entity_b = @id", p), ct);
            await sql.ExecAsync(("DELETE FROM idempotent_answers WHERE body LIKE @pattern", [("pattern", "%\"" + e + "\"%")]), ct);
            await sql.ExecAsync(("UPDATE entities SET canonical_name = '', status = 'erased' WHERE id = @id", p), ct);
            scrubbed += await sql.ExecAsync(($"""
                UPDATE events SET detail = CASE WHEN type = 'undone' AND detail LIKE '%{UnmergeMarker}%' THEN '{ScrubbedUnmergeDetail}' ELSE '{ScrubbedDetail}' END
                WHERE (entity_id = @id OR other_id = @id) AND type <> 'erased' AND detail NOT IN ('{ScrubbedDetail}', '{ScrubbedUnmergeDetail}')
                """, p), ct);
        }
        await sql.CompactSearchTextAsync(ct);
        var events = new List<RegistryEvent>();
        foreach (var e in cluster)
        {
            var own = e == id ? variants : [];
            await sql.ExecAsync(("""
                INSERT INTO erasures(entity_id, requested_id, actor, reason, time, variant_ids, scrubbed_events)
                VALUES (@id, @requested, @actor, @reason, @time, @variants, @scrubbed)
                """, [("id", e), ("requested", request.Id), ("actor", request.Actor), ("reason", request.Reason), ("time", sql.Time(now)),
                ("variants", string.Join(',', own)), ("scrubbed", e == id ? scrubbed : 0)]), ct);
            events.Add(new RegistryEvent(RegistryEventType.Erased, e, e == id ? null : id, request.Actor,
                e == id ? $"{request.Reason} (name text removed from {scrubbed} earlier events)" : $"{request.Reason} (merged into {id})", now));
        }
        await sql.AddEventsAsync(events, ct);
        return new ErasureOutcome(ErasureStatus.Erased, id, cluster, variants, now, scrubbed);
    }

    /// <summary>The erasure rows of <paramref name="entityId"/>, or all when null, oldest first.</summary>
    public static async Task<IReadOnlyList<ErasureRecord>> ReadErasuresAsync(IPersonalDataSql sql, string? entityId, CancellationToken ct) =>
        (await sql.RowsAsync(("""
            SELECT entity_id, requested_id, actor, reason, time, variant_ids, scrubbed_events FROM erasures
            WHERE @id = '' OR entity_id = @id ORDER BY time, entity_id
            """, [("id", entityId ?? "")]), ct))
        .Select(r => new ErasureRecord((string)r[0]!, (string)r[1]!, (string)r[2]!, (string)r[3]!, TimeOf(r[4]!),
            ((string)r[5]!).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToList(),
            Convert.ToInt32(r[6], CultureInfo.InvariantCulture)))
        .ToList();

    /// <summary>The entity the id resolves to (absorbed ids followed): id, kind, status; null when never issued.</summary>
    private static async Task<(string Id, string Kind, string Status)?> FollowAsync(IPersonalDataSql sql, string id, CancellationToken ct)
    {
        (string, string, string)? found = null;
        for (int step = 0; step <= SurvivorWalk.MaxSteps; step++)
        {
            var rows = await sql.RowsAsync(("SELECT id, kind, status, survivor_id FROM entities WHERE id = @id", [("id", id)]), ct);
            if (rows.Count == 0) return found;
            var r = rows[0];
            found = ((string)r[0]!, (string)r[1]!, (string)r[2]!);
            if ((string)r[2]! != EntityStatus.Absorbed || r[3] is not string survivor) return found;
            id = survivor;
        }
        return found;
    }

    private static DateTimeOffset TimeOf(object value) => RegistryRows.TimeOf(value);
}
