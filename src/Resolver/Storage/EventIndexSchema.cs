namespace Names.Resolver.Storage;

/// <summary>
/// Schema version 10, one text for SQLite and PostgreSQL: the events log keeps the indexes its reads use and no more,
/// since every event is written to each of them (a 100,000-record authority import writes about 257,000 events).
/// (entity_id, type) serves every lookup by entity, so the index on entity_id alone goes; most events name no other
/// entity, and only those that do are in the index on other_id (every read of it asks other_id = an id).
/// </summary>
internal static class EventIndexSchema
{
    public const string Migration = """
        DROP INDEX IF EXISTS ix_events_entity;
        DROP INDEX IF EXISTS ix_svc_events_other;
        DROP INDEX IF EXISTS ix_events_other;
        CREATE INDEX ix_events_other ON events(other_id) WHERE other_id IS NOT NULL;
        """;
}
