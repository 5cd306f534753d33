namespace Names.Resolver.Service.Sqlite;

/// <summary>
/// Versioned schema the service adds to a SQLite registry (API keys, idempotent answers, indexes for single-name
/// queries). Kept apart from the registry's own migrations: its version is the meta value <see cref="MetaKey"/>.
/// </summary>
internal static class SqliteServiceMigrations
{
    public const string MetaKey = "service.schema";

    public static readonly IReadOnlyList<(int Version, string Sql)> All = new[]
    {
        (1, """
            CREATE TABLE api_keys (id INTEGER PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL, created TEXT NOT NULL);
            CREATE TABLE idempotent_answers (scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
                body TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (scope, key));
            CREATE INDEX IF NOT EXISTS ix_svc_variants_entity_id ON variants(entity_id, id);
            CREATE INDEX IF NOT EXISTS ix_svc_proposals_pair ON proposals(entity_a, entity_b);
            CREATE INDEX IF NOT EXISTS ix_svc_events_other ON events(other_id);
            """),
        // Was a covering index of the key table, which the registry's schema version 7 drops (with its indexes).
        (2, "SELECT 1;"),
    };

    public static int Latest => All[^1].Version;
}
