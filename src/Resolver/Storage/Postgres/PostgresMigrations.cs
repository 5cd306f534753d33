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
        // The review queue paged from an index, as in the SQLite schema version 6. The variant triggers are per
        // statement (bulk runs COPY tens of thousands of variants at once): names_count_variants applies the changes of
        // one statement, grouped per entity.
        (6, """
            ALTER TABLE entities ADD COLUMN variant_count integer NOT NULL DEFAULT 0;
            UPDATE entities SET variant_count = c.n FROM (SELECT entity_id, COUNT(*) AS n FROM variants GROUP BY entity_id) c WHERE c.entity_id = entities.id;
            CREATE TABLE entity_countries (entity_id text NOT NULL, country text NOT NULL, variants integer NOT NULL, PRIMARY KEY (entity_id, country));
            INSERT INTO entity_countries SELECT entity_id, upper(country), COUNT(*) FROM variants GROUP BY 1, 2;
            CREATE TABLE entity_sources (entity_id text NOT NULL, source text NOT NULL, variants integer NOT NULL, PRIMARY KEY (entity_id, source));
            INSERT INTO entity_sources SELECT entity_id, lower(source_file), COUNT(*) FROM variants GROUP BY 1, 2;
            CREATE INDEX ix_entity_countries_country ON entity_countries(country, entity_id);
            CREATE INDEX ix_entity_sources_source ON entity_sources(source, entity_id);

            -- current_a/current_b NULL: to be followed by ReviewQueueRefresh; variants < 0: being followed.
            CREATE TABLE review_queue (proposal_id bigint PRIMARY KEY, score double precision NOT NULL, current_a text NULL, current_b text NULL,
                variants integer NOT NULL DEFAULT 0);
            """ + ReviewQueueRefresh.FillAtMigration + """

            -- Variants joining (sign 1) or leaving (sign -1) entities: e, c, s hold each variant's entity, country, source.
            CREATE FUNCTION names_count_variants(e text[], c text[], s text[], sign integer) RETURNS void LANGUAGE sql AS $fn$
                -- entity rows locked in id order first: concurrent writers queue up instead of deadlocking
                SELECT 1 FROM entities WHERE id = ANY(e) ORDER BY id FOR UPDATE;
                UPDATE entities x SET variant_count = x.variant_count + d.n
                FROM (SELECT entity_id, (sign * COUNT(*))::integer AS n FROM unnest(e) t(entity_id) GROUP BY 1) d WHERE x.id = d.entity_id;
                INSERT INTO entity_countries SELECT entity_id, upper(country), (sign * COUNT(*))::integer FROM unnest(e, c) t(entity_id, country) GROUP BY 1, 2
                    ON CONFLICT (entity_id, country) DO UPDATE SET variants = entity_countries.variants + excluded.variants;
                DELETE FROM entity_countries x USING unnest(e, c) t(entity_id, country)
                    WHERE x.entity_id = t.entity_id AND x.country = upper(t.country) AND x.variants <= 0;
                INSERT INTO entity_sources SELECT entity_id, lower(source), (sign * COUNT(*))::integer FROM unnest(e, s) t(entity_id, source) GROUP BY 1, 2
                    ON CONFLICT (entity_id, source) DO UPDATE SET variants = entity_sources.variants + excluded.variants;
                DELETE FROM entity_sources x USING unnest(e, s) t(entity_id, source)
                    WHERE x.entity_id = t.entity_id AND x.source = lower(t.source) AND x.variants <= 0;
                -- a and b apart: each an index join (an OR of the two would scan the queue)
                UPDATE review_queue q SET variants = q.variants + d.n
                FROM (SELECT entity_id, (sign * COUNT(*))::integer AS n FROM unnest(e) t(entity_id) GROUP BY 1) d WHERE q.current_a = d.entity_id;
                UPDATE review_queue q SET variants = q.variants + d.n
                FROM (SELECT entity_id, (sign * COUNT(*))::integer AS n FROM unnest(e) t(entity_id) GROUP BY 1) d WHERE q.current_b = d.entity_id;
            $fn$;
            CREATE FUNCTION names_variants_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
            DECLARE e text[]; c text[]; s text[];
            BEGIN
                SELECT array_agg(entity_id), array_agg(country), array_agg(source_file) INTO e, c, s FROM new_rows;
                IF e IS NOT NULL THEN PERFORM names_count_variants(e, c, s, 1); END IF;
                RETURN NULL;
            END $fn$;
            CREATE FUNCTION names_variants_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
            DECLARE e text[]; c text[]; s text[];
            BEGIN
                SELECT array_agg(entity_id), array_agg(country), array_agg(source_file) INTO e, c, s FROM old_rows;
                IF e IS NOT NULL THEN PERFORM names_count_variants(e, c, s, -1); END IF;
                RETURN NULL;
            END $fn$;
            CREATE FUNCTION names_variants_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
            DECLARE e text[]; c text[]; s text[]; ne text[]; nc text[]; ns text[];
            BEGIN
                SELECT array_agg(o.entity_id), array_agg(o.country), array_agg(o.source_file),
                       array_agg(n.entity_id), array_agg(n.country), array_agg(n.source_file) INTO e, c, s, ne, nc, ns
                FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.entity_id, o.country, o.source_file) IS DISTINCT FROM (n.entity_id, n.country, n.source_file);
                IF e IS NOT NULL THEN
                    PERFORM names_count_variants(e, c, s, -1);
                    PERFORM names_count_variants(ne, nc, ns, 1);
                END IF;
                RETURN NULL;
            END $fn$;
            CREATE TRIGGER tr_variants_insert AFTER INSERT ON variants REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION names_variants_inserted();
            CREATE TRIGGER tr_variants_delete AFTER DELETE ON variants REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION names_variants_deleted();
            CREATE TRIGGER tr_variants_update AFTER UPDATE ON variants REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION names_variants_updated();

            -- A new pending proposal naming two active entities is complete at once; naming an absorbed one, it waits
            -- (current ids NULL) for ReviewQueueRefresh, which the writer runs before it commits.
            CREATE FUNCTION names_proposal_queued() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
                    IF NEW.status = 'pending' THEN
                        -- The counts read below must not miss a variant a concurrent writer is adding: wait for it.
                        PERFORM 1 FROM entities WHERE id IN (NEW.entity_a, NEW.entity_b) ORDER BY id FOR SHARE;
                        INSERT INTO review_queue(proposal_id, score, current_a, current_b, variants)
                        SELECT NEW.id, NEW.score, a.id, b.id, a.variant_count + b.variant_count FROM entities a, entities b
                        WHERE a.id = NEW.entity_a AND a.status = 'active' AND b.id = NEW.entity_b AND b.status = 'active'
                        ON CONFLICT (proposal_id) DO NOTHING;
                        INSERT INTO review_queue(proposal_id, score) VALUES (NEW.id, NEW.score) ON CONFLICT (proposal_id) DO NOTHING;
                    ELSE
                        DELETE FROM review_queue WHERE proposal_id = NEW.id;
                    END IF;
                END IF;
                IF TG_OP = 'UPDATE' AND NEW.score IS DISTINCT FROM OLD.score THEN
                    UPDATE review_queue SET score = NEW.score WHERE proposal_id = NEW.id;
                END IF;
                RETURN NULL;
            END $fn$;
            CREATE TRIGGER tr_proposals_queue AFTER INSERT OR UPDATE OF status, score ON proposals
                FOR EACH ROW EXECUTE FUNCTION names_proposal_queued();
            -- An entity absorbed (or active again): the rows naming it are followed again by ReviewQueueRefresh.
            CREATE FUNCTION names_entity_status_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                UPDATE review_queue SET current_a = NULL, current_b = NULL, variants = 0 WHERE current_a = NEW.id OR current_b = NEW.id;
                RETURN NULL;
            END $fn$;
            CREATE TRIGGER tr_entities_status AFTER UPDATE OF status ON entities
                FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status) EXECUTE FUNCTION names_entity_status_changed();
            """),
        // As in the SQLite schema version 7: the key table was written and never read.
        (7, """
            DROP TABLE IF EXISTS blocking_keys;
            """),
        // Data protection, as in the SQLite schema version 8.
        (8, PersonalDataSchema.Migration(postgres: true)),
        // External identifiers of entities, as in the SQLite schema version 9.
        (9, ExternalIdSql.Schema("timestamptz")),
        // Fewer indexes written per event, as in the SQLite schema version 10.
        (10, EventIndexSchema.Migration),
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
