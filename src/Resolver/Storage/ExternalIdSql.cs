using SqlQuery = (string Sql, System.Collections.Generic.IReadOnlyList<(string Name, object Value)> Parameters);

namespace Names.Resolver.Storage;

/// <summary>
/// The external-id SQL, one text for SQLite and PostgreSQL (named parameters where both run it as is; the write's
/// placeholders handed in by each store; reads through the store's row reader). An entity's ids are those linked to it
/// and to every entity absorbed into it.
/// </summary>
internal static class ExternalIdSql
{
    /// <summary>The table and indexes of schema version 9; <paramref name="timeType"/>: TEXT in SQLite, timestamptz in PostgreSQL.</summary>
    public static string Schema(string timeType) => $"""
        CREATE TABLE IF NOT EXISTS external_ids (scheme TEXT NOT NULL, value TEXT NOT NULL, entity_id TEXT NOT NULL, source TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT '', time {timeType} NOT NULL, PRIMARY KEY (scheme, value));
        CREATE INDEX IF NOT EXISTS ix_external_ids_entity ON external_ids(entity_id);
        -- an entity's ids include those of the entities absorbed into it: found by survivor
        CREATE INDEX IF NOT EXISTS ix_entities_survivor ON entities(survivor_id) WHERE status = 'absorbed';
        """;

    public const string Columns = "scheme, value, entity_id, source, status, time";

    /// <summary>
    /// Inserts a link, or updates the status (and time) of the one there; the entity it was linked to never changes.
    /// <paramref name="placeholder"/> gives the n-th (0-based) parameter's placeholder.
    /// </summary>
    public static string Upsert(Func<int, string> placeholder) => $"""
        INSERT INTO external_ids({Columns}) VALUES ({string.Join(", ", Enumerable.Range(0, 6).Select(placeholder))})
        ON CONFLICT (scheme, value) DO UPDATE SET status = excluded.status, time = excluded.time WHERE external_ids.status <> excluded.status
        """;

    private const string Members = """
        WITH RECURSIVE members(id) AS (
            SELECT CAST(@entity AS TEXT)
            UNION SELECT e.id FROM entities e JOIN members m ON e.survivor_id = m.id WHERE e.status = 'absorbed')
        """;

    /// <summary>The ids of an entity and of the entities absorbed into it, by scheme and value.</summary>
    public static async Task<IReadOnlyList<ExternalIdLink>> OfEntityAsync(Func<SqlQuery, Task<List<object?[]>>> rows, string entityId) =>
        (await rows(OfEntity(entityId))).Select(Link).ToList();

    /// <summary>The link of one identifier, or null when no entity holds it.</summary>
    public static async Task<ExternalIdLink?> FindAsync(Func<SqlQuery, Task<List<object?[]>>> rows, string scheme, string value) =>
        (await rows(Find(scheme, value))).Select(Link).FirstOrDefault();

    /// <summary>Every link, by scheme and value.</summary>
    public static async Task<IReadOnlyList<ExternalIdLink>> AllAsync(Func<SqlQuery, Task<List<object?[]>>> rows) =>
        (await rows(($"SELECT {Columns} FROM external_ids ORDER BY scheme, value", []))).Select(Link).ToList();

    private static SqlQuery OfEntity(string entityId) =>
        ($"{Members} SELECT x.{Columns.Replace(", ", ", x.")} FROM members m CROSS JOIN external_ids x WHERE x.entity_id = m.id ORDER BY x.scheme, x.value",
            [("entity", entityId)]);

    private static SqlQuery Find(string scheme, string value) =>
        ($"SELECT {Columns} FROM external_ids WHERE scheme = @scheme AND value = @value", [("scheme", scheme), ("value", value)]);

    /// <summary>
    /// Rows (scheme, value of a, value of b) where entity a and entity b (each with the entities absorbed into it) hold
    /// different identifiers of one scheme: the two are different parties, never to be merged. An identifier its
    /// authority retired into a successor (<see cref="ExternalIdStatus.SupersededBy"/>) names no party of its own any more.
    /// </summary>
    public static (string, IReadOnlyList<(string, object)>) Conflicts(string a, string b) => ("""
        WITH RECURSIVE ma(id) AS (
            SELECT CAST(@a AS TEXT) UNION SELECT e.id FROM entities e JOIN ma ON e.survivor_id = ma.id WHERE e.status = 'absorbed'),
        mb(id) AS (
            SELECT CAST(@b AS TEXT) UNION SELECT e.id FROM entities e JOIN mb ON e.survivor_id = mb.id WHERE e.status = 'absorbed')
        -- CROSS JOIN: SQLite joins in this order (from the members through ix_external_ids_entity), never a scan of the table;
        -- "|| ''" keeps SQLite from reaching y through its key index by scheme alone (every LEI in the registry)
        SELECT x.scheme, x.value, y.value FROM ma CROSS JOIN mb CROSS JOIN external_ids x CROSS JOIN external_ids y
        WHERE x.entity_id = ma.id AND y.entity_id = mb.id AND y.scheme || '' = x.scheme AND y.value <> x.value
            AND x.status NOT LIKE 'superseded by %' AND y.status NOT LIKE 'superseded by %'
        ORDER BY x.scheme, x.value, y.value
        """, [("a", a), ("b", b)]);

    /// <summary>A row of <see cref="Columns"/> as the shared row readers return it (times as text in SQLite, as DateTime in PostgreSQL).</summary>
    private static ExternalIdLink Link(object?[] row) =>
        new((string)row[0]!, (string)row[1]!, (string)row[2]!, (string)row[3]!, (string)row[4]!, RegistryRows.TimeOf(row[5]!));

    /// <summary>The reason two entities may not be merged, or null: "different LEIs (A, B)".</summary>
    public static string? ConflictReason(List<object?[]> rows) => rows.Count == 0 ? null
        : string.Join("; ", rows.Select(r => $"different {ExternalIds.ExternalIdSchemes.LabelOf((string)r[0]!)}s ({r[1]}, {r[2]})"));
}
