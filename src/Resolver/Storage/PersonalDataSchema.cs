namespace Names.Resolver.Storage;

/// <summary>
/// The tables of data protection (issue 16), one text for SQLite and PostgreSQL with the few words that differ
/// filled in: <c>erasures</c> (one row per erased id: who, when, why, which variant ids went; never a name) and
/// <c>read_audit</c> (every API read of a person's data: key, time, endpoint, id), which refuses updates and deletes
/// and chains each row's hash to the one before (<see cref="Privacy.ReadAuditChain"/>), so `names verify` sees a row
/// changed or taken out.
/// </summary>
internal static class PersonalDataSchema
{
    public static string Migration(bool postgres)
    {
        var (serial, time) = postgres ? ("bigserial PRIMARY KEY", "timestamptz") : ("INTEGER PRIMARY KEY AUTOINCREMENT", "TEXT");
        var tables = $"""
            CREATE TABLE erasures (entity_id TEXT PRIMARY KEY, requested_id TEXT NOT NULL, actor TEXT NOT NULL, reason TEXT NOT NULL,
                time {time} NOT NULL, variant_ids TEXT NOT NULL, scrubbed_events INTEGER NOT NULL);
            CREATE TABLE read_audit (id {serial}, key_name TEXT NOT NULL, time {time} NOT NULL, endpoint TEXT NOT NULL,
                entity_id TEXT NOT NULL, status INTEGER NOT NULL, chain TEXT NOT NULL);
            CREATE INDEX ix_read_audit_entity ON read_audit(entity_id, id);
            CREATE INDEX ix_read_audit_key ON read_audit(key_name, id);
            """;
        return tables + (postgres
            ? """

              CREATE FUNCTION names_read_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
              BEGIN RAISE EXCEPTION 'read_audit is append-only'; END $fn$;
              CREATE TRIGGER tr_read_audit_append_only BEFORE UPDATE OR DELETE ON read_audit
                  FOR EACH ROW EXECUTE FUNCTION names_read_audit_append_only();
              """
            : """

              CREATE TRIGGER tr_read_audit_no_update BEFORE UPDATE ON read_audit BEGIN SELECT RAISE(ABORT, 'read_audit is append-only'); END;
              CREATE TRIGGER tr_read_audit_no_delete BEFORE DELETE ON read_audit BEGIN SELECT RAISE(ABORT, 'read_audit is append-only'); END;
              """);
    }
}
