using Npgsql;

namespace Names.Resolver.Storage.Postgres;

/// <summary>
/// Versioned schema of the PostgreSQL registry (same tables as SQLite, plus pg_trgm search, the variant id sequence,
/// the service's API keys and idempotent answers). Applied in order on open under an advisory lock, so several
/// instances starting together migrate once; the applied version is in <c>schema_version</c>.
/// </summary>
internal static class PostgresMigrations
{
    /// <summary>Advisory lock key of the migration step (any constant unlikely to collide with name hashes' use).</summary>
    private const long MigrationLock = 0x4E414D45_53000001; // "NAMES" + 1

    public static readonly IReadOnlyList<(int Version, string Sql)> All = new[]
    {
        (1, """
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
            CREATE TABLE entities (id text PRIMARY KEY, kind text NOT NULL, canonical_name text NOT NULL,
                status text NOT NULL DEFAULT 'active', survivor_id text NULL);
            CREATE TABLE variants (id bigint PRIMARY KEY, entity_id text NOT NULL, kind text NOT NULL, display_name text NOT NULL,
                name_key text NOT NULL, compact_key text NOT NULL, alt_key text NOT NULL, country text NOT NULL, features text NOT NULL,
                source_file text NOT NULL, source_row bigint NOT NULL, source_record_id text NOT NULL);
            -- One variant per (name, kind, country): the database itself refuses a second copy of a name.
            CREATE UNIQUE INDEX ux_variants_name ON variants(compact_key, name_key, kind, country);
            CREATE INDEX ix_variants_entity ON variants(entity_id, id);
            CREATE INDEX ix_variants_trgm ON variants USING gin (display_name gin_trgm_ops);
            CREATE SEQUENCE variant_ids;
            CREATE TABLE blocking_keys (key text NOT NULL, variant_id bigint NOT NULL);
            CREATE INDEX ix_blocking_keys_key ON blocking_keys(key, variant_id); -- covering: lookups read the index only
            CREATE TABLE cannot_links (entity_a text NOT NULL, entity_b text NOT NULL, actor text NOT NULL, reason text NOT NULL,
                time timestamptz NOT NULL, PRIMARY KEY (entity_a, entity_b));
            CREATE TABLE proposals (id bigserial PRIMARY KEY, entity_a text NOT NULL, entity_b text NOT NULL, score double precision NOT NULL,
                explanation text NOT NULL, status text NOT NULL, created timestamptz NOT NULL, decided_by text NULL, decided_at timestamptz NULL);
            CREATE INDEX ix_proposals_status ON proposals(status);
            CREATE INDEX ix_proposals_pair ON proposals(entity_a, entity_b);
            CREATE TABLE models (version bigserial PRIMARY KEY, kind text NOT NULL, parameters text NOT NULL, note text NOT NULL, created timestamptz NOT NULL);
            CREATE TABLE events (seq bigserial PRIMARY KEY, type text NOT NULL, entity_id text NOT NULL, other_id text NULL,
                actor text NOT NULL, detail text NOT NULL, time timestamptz NOT NULL);
            CREATE INDEX ix_events_entity ON events(entity_id);
            CREATE INDEX ix_events_other ON events(other_id);
            CREATE TABLE api_keys (id bigserial PRIMARY KEY, name text NOT NULL, role text NOT NULL, key_hash text NOT NULL UNIQUE,
                prefix text NOT NULL, created timestamptz NOT NULL);
            CREATE TABLE idempotent_answers (scope text NOT NULL, key text NOT NULL, request_hash text NOT NULL, status integer NOT NULL,
                body text NOT NULL, created timestamptz NOT NULL, PRIMARY KEY (scope, key));
            """),
        // Reviewers' decisions (issue 5), as in the SQLite schema version 2.
        (2, """
            CREATE TABLE review_decisions (id bigserial PRIMARY KEY, proposal_id bigint NOT NULL, status text NOT NULL,
                actor text NOT NULL, time timestamptz NOT NULL, comment text NULL, survivor_id text NULL, absorbed_id text NULL,
                moved_variants bigint[] NOT NULL DEFAULT '{}', link_a text NULL, link_b text NULL, undone_by bigint NULL);
            CREATE INDEX ix_review_decisions_actor ON review_decisions(actor, id);
            CREATE INDEX ix_review_decisions_proposal ON review_decisions(proposal_id);
            CREATE INDEX ix_events_entity_type ON events(entity_id, type);
            """),
        // The raw input name of each variant, as in the SQLite schema version 3.
        (3, """
            ALTER TABLE variants ADD COLUMN raw_name text NOT NULL DEFAULT '';
            """),
        // The review queue ordered and paged in SQL, and the proposals' contributions, as in the SQLite schema version 4.
        (4, """
            -- (status, score) serves the status lookups ix_proposals_status served, and the queue's walk outwards from the
            -- boundary by score (a planner offered both took the status one and sorted every pending proposal).
            DROP INDEX ix_proposals_status;
            CREATE INDEX ix_proposals_status_score ON proposals(status, score);
            CREATE INDEX ix_entities_absorbed ON entities(id, survivor_id) WHERE status = 'absorbed';
            ALTER TABLE proposals ADD COLUMN contributions text NOT NULL DEFAULT '';
            """),
        // The service's data-protection key ring, as in the SQLite schema version 5.
        (5, """
            CREATE TABLE data_protection_keys (id bigserial PRIMARY KEY, name text NOT NULL, xml text NOT NULL, created timestamptz NOT NULL);
            """),
    };

    public static int Latest => All[^1].Version;

    /// <summary>A data source for the connection string with the schema migrated (disposed again when migrating fails).</summary>
    public static async Task<NpgsqlDataSource> OpenAsync(string connectionString, CancellationToken ct)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            await ApplyAsync(dataSource, ct);
            return dataSource;
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await using (var l = new NpgsqlCommand("SELECT pg_advisory_lock($1)", c) { Parameters = { new() { Value = MigrationLock } } })
            await l.ExecuteNonQueryAsync(ct);
        try
        {
            await using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)", c))
                await create.ExecuteNonQueryAsync(ct);
            int current;
            await using (var q = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", c))
                current = Convert.ToInt32(await q.ExecuteScalarAsync(ct));
            if (current > Latest) throw new RegistrySchemaTooNewException(current, Latest);
            foreach (var (version, sql) in All)
            {
                if (version <= current) continue;
                await using var tx = await c.BeginTransactionAsync(ct);
                await using (var m = new NpgsqlCommand(sql, c, tx)) await m.ExecuteNonQueryAsync(ct);
                await using (var d = new NpgsqlCommand("DELETE FROM schema_version", c, tx)) await d.ExecuteNonQueryAsync(ct);
                await using (var v = new NpgsqlCommand("INSERT INTO schema_version VALUES ($1)", c, tx) { Parameters = { new() { Value = version } } })
                    await v.ExecuteNonQueryAsync(ct);
                await tx.CommitAsync(ct);
            }
        }
        finally
        {
            await using var u = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", c) { Parameters = { new() { Value = MigrationLock } } };
            await u.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public static async Task<int> CurrentAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var q = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", c);
        return Convert.ToInt32(await q.ExecuteScalarAsync(ct));
    }
}
