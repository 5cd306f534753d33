using Microsoft.Data.Sqlite;

namespace Names.Resolver.Storage.Sqlite;

/// <summary>Versioned schema of the SQLite registry; applied in order on open (PRAGMA user_version holds the version).</summary>
internal static class SqliteMigrations
{
    public static readonly IReadOnlyList<(int Version, string Sql)> All = new[]
    {
        (1, """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE entities (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, canonical_name TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'active', survivor_id TEXT NULL);
            CREATE TABLE variants (
                id INTEGER PRIMARY KEY, entity_id TEXT NOT NULL, kind TEXT NOT NULL, display_name TEXT NOT NULL,
                name_key TEXT NOT NULL, compact_key TEXT NOT NULL, alt_key TEXT NOT NULL, country TEXT NOT NULL,
                features TEXT NOT NULL, source_file TEXT NOT NULL, source_row INTEGER NOT NULL, source_record_id TEXT NOT NULL);
            CREATE INDEX ix_variants_entity ON variants(entity_id);
            CREATE INDEX ix_variants_compact ON variants(compact_key);
            CREATE TABLE blocking_keys (key TEXT NOT NULL, variant_id INTEGER NOT NULL);
            CREATE INDEX ix_blocking_keys_key ON blocking_keys(key);
            CREATE VIRTUAL TABLE names_fts USING fts5(display_name, content='', tokenize='trigram');
            CREATE TABLE cannot_links (entity_a TEXT NOT NULL, entity_b TEXT NOT NULL, actor TEXT NOT NULL,
                reason TEXT NOT NULL, time TEXT NOT NULL, PRIMARY KEY (entity_a, entity_b));
            CREATE TABLE proposals (id INTEGER PRIMARY KEY, entity_a TEXT NOT NULL, entity_b TEXT NOT NULL, score REAL NOT NULL,
                explanation TEXT NOT NULL, status TEXT NOT NULL, created TEXT NOT NULL, decided_by TEXT NULL, decided_at TEXT NULL);
            CREATE INDEX ix_proposals_status ON proposals(status);
            CREATE TABLE models (version INTEGER PRIMARY KEY, kind TEXT NOT NULL, parameters TEXT NOT NULL, note TEXT NOT NULL, created TEXT NOT NULL);
            CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, entity_id TEXT NOT NULL, other_id TEXT NULL,
                actor TEXT NOT NULL, detail TEXT NOT NULL, time TEXT NOT NULL);
            CREATE INDEX ix_events_entity ON events(entity_id);
            """),
        // Reviewers' decisions (issue 5): who decided what, the variants a merge moved and the cannot-link a
        // rejection added, so that a decision can be undone exactly; skips are per reviewer.
        (2, """
            CREATE TABLE review_decisions (id INTEGER PRIMARY KEY, proposal_id INTEGER NOT NULL, status TEXT NOT NULL,
                actor TEXT NOT NULL, time TEXT NOT NULL, comment TEXT NULL, survivor_id TEXT NULL, absorbed_id TEXT NULL,
                moved_variants TEXT NOT NULL DEFAULT '', link_a TEXT NULL, link_b TEXT NULL, undone_by INTEGER NULL);
            CREATE INDEX ix_review_decisions_actor ON review_decisions(actor, id);
            CREATE INDEX ix_review_decisions_proposal ON review_decisions(proposal_id);
            CREATE INDEX ix_events_entity_type ON events(entity_id, type);
            """),
        // The raw input name of each variant, verbatim (issue 6); '' = unknown (written before this version).
        (3, """
            ALTER TABLE variants ADD COLUMN raw_name TEXT NOT NULL DEFAULT '';
            """),
        // The review queue ordered and paged in SQL (PendingProposalSql): pending proposals by score, and the absorbed
        // entities whose survivors the queue follows. Proposals keep the contributions of the score they were made with.
        (4, """
            -- (status, score) serves the status lookups ix_proposals_status served, and the queue's walk outwards from the
            -- boundary by score (a planner offered both took the status one and sorted every pending proposal).
            DROP INDEX ix_proposals_status;
            CREATE INDEX ix_proposals_status_score ON proposals(status, score);
            CREATE INDEX ix_entities_absorbed ON entities(id, survivor_id) WHERE status = 'absorbed';
            -- The per-feature contributions behind a proposal's score (ContributionsJson; '' = unknown, written before).
            ALTER TABLE proposals ADD COLUMN contributions TEXT NOT NULL DEFAULT '';
            """),
        // The service's data-protection key ring (IKeyRingStore): every `names serve` on the registry reads the review
        // page's cookies the others wrote. Append-only XML elements; secrets, readable by anyone who can read the file.
        (5, """
            CREATE TABLE data_protection_keys (id INTEGER PRIMARY KEY, name TEXT NOT NULL, xml TEXT NOT NULL, created TEXT NOT NULL);
            """),
        // The review queue pages from an index (ReviewQueueSql): each pending proposal's row in review_queue holds its
        // score, the entities it names as they are now (absorbed ids followed) and their variant counts summed, kept by
        // the triggers below and by ReviewQueueRefresh (what a trigger cannot follow: chains of absorbed ids). Per
        // entity, its variant count and the countries and source files of its variants, for the queue's filters.
        (6, """
            ALTER TABLE entities ADD COLUMN variant_count INTEGER NOT NULL DEFAULT 0;
            UPDATE entities SET variant_count = c.n FROM (SELECT entity_id, COUNT(*) AS n FROM variants GROUP BY entity_id) c WHERE c.entity_id = entities.id;
            CREATE TABLE entity_countries (entity_id TEXT NOT NULL, country TEXT NOT NULL, variants INTEGER NOT NULL,
                PRIMARY KEY (entity_id, country)) WITHOUT ROWID;
            INSERT INTO entity_countries SELECT entity_id, upper(country), COUNT(*) FROM variants GROUP BY 1, 2;
            CREATE TABLE entity_sources (entity_id TEXT NOT NULL, source TEXT NOT NULL, variants INTEGER NOT NULL,
                PRIMARY KEY (entity_id, source)) WITHOUT ROWID;
            INSERT INTO entity_sources SELECT entity_id, lower(source_file), COUNT(*) FROM variants GROUP BY 1, 2;
            CREATE INDEX ix_entity_countries_country ON entity_countries(country, entity_id);
            CREATE INDEX ix_entity_sources_source ON entity_sources(source, entity_id);

            -- current_a/current_b NULL: to be followed by ReviewQueueRefresh; variants < 0: being followed.
            CREATE TABLE review_queue (proposal_id INTEGER PRIMARY KEY, score REAL NOT NULL, current_a TEXT NULL, current_b TEXT NULL,
                variants INTEGER NOT NULL DEFAULT 0);
            """ + ReviewQueueRefresh.FillAtMigration + """

            CREATE TRIGGER tr_variants_insert AFTER INSERT ON variants BEGIN
                UPDATE entities SET variant_count = variant_count + 1 WHERE id = NEW.entity_id;
                INSERT INTO entity_countries VALUES (NEW.entity_id, upper(NEW.country), 1)
                    ON CONFLICT (entity_id, country) DO UPDATE SET variants = variants + 1;
                INSERT INTO entity_sources VALUES (NEW.entity_id, lower(NEW.source_file), 1)
                    ON CONFLICT (entity_id, source) DO UPDATE SET variants = variants + 1;
                UPDATE review_queue SET variants = variants + (current_a IS NEW.entity_id) + (current_b IS NEW.entity_id)
                    WHERE current_a = NEW.entity_id OR current_b = NEW.entity_id;
            END;
            CREATE TRIGGER tr_variants_delete AFTER DELETE ON variants BEGIN
                UPDATE entities SET variant_count = variant_count - 1 WHERE id = OLD.entity_id;
                UPDATE entity_countries SET variants = variants - 1 WHERE entity_id = OLD.entity_id AND country = upper(OLD.country);
                DELETE FROM entity_countries WHERE entity_id = OLD.entity_id AND country = upper(OLD.country) AND variants <= 0;
                UPDATE entity_sources SET variants = variants - 1 WHERE entity_id = OLD.entity_id AND source = lower(OLD.source_file);
                DELETE FROM entity_sources WHERE entity_id = OLD.entity_id AND source = lower(OLD.source_file) AND variants <= 0;
                UPDATE review_queue SET variants = variants - (current_a IS OLD.entity_id) - (current_b IS OLD.entity_id)
                    WHERE current_a = OLD.entity_id OR current_b = OLD.entity_id;
            END;
            -- A moved variant (merge, split, undo) leaves one entity and joins another: the two triggers above, in order.
            CREATE TRIGGER tr_variants_move AFTER UPDATE OF entity_id, country, source_file ON variants
            WHEN OLD.entity_id IS NOT NEW.entity_id OR OLD.country IS NOT NEW.country OR OLD.source_file IS NOT NEW.source_file BEGIN
                UPDATE entities SET variant_count = variant_count - 1 WHERE id = OLD.entity_id;
                UPDATE entity_countries SET variants = variants - 1 WHERE entity_id = OLD.entity_id AND country = upper(OLD.country);
                DELETE FROM entity_countries WHERE entity_id = OLD.entity_id AND country = upper(OLD.country) AND variants <= 0;
                UPDATE entity_sources SET variants = variants - 1 WHERE entity_id = OLD.entity_id AND source = lower(OLD.source_file);
                DELETE FROM entity_sources WHERE entity_id = OLD.entity_id AND source = lower(OLD.source_file) AND variants <= 0;
                UPDATE review_queue SET variants = variants - (current_a IS OLD.entity_id) - (current_b IS OLD.entity_id)
                    WHERE current_a = OLD.entity_id OR current_b = OLD.entity_id;
                UPDATE entities SET variant_count = variant_count + 1 WHERE id = NEW.entity_id;
                INSERT INTO entity_countries VALUES (NEW.entity_id, upper(NEW.country), 1)
                    ON CONFLICT (entity_id, country) DO UPDATE SET variants = variants + 1;
                INSERT INTO entity_sources VALUES (NEW.entity_id, lower(NEW.source_file), 1)
                    ON CONFLICT (entity_id, source) DO UPDATE SET variants = variants + 1;
                UPDATE review_queue SET variants = variants + (current_a IS NEW.entity_id) + (current_b IS NEW.entity_id)
                    WHERE current_a = NEW.entity_id OR current_b = NEW.entity_id;
            END;
            -- A new pending proposal naming two active entities is complete at once; naming an absorbed one, it waits
            -- (current ids NULL) for ReviewQueueRefresh, which the writer runs before it commits.
            CREATE TRIGGER tr_proposals_insert AFTER INSERT ON proposals WHEN NEW.status = 'pending' BEGIN
                INSERT INTO review_queue(proposal_id, score, current_a, current_b, variants)
                SELECT NEW.id, NEW.score, a.id, b.id, a.variant_count + b.variant_count FROM entities a, entities b
                WHERE a.id = NEW.entity_a AND a.status = 'active' AND b.id = NEW.entity_b AND b.status = 'active';
                INSERT OR IGNORE INTO review_queue(proposal_id, score) VALUES (NEW.id, NEW.score);
            END;
            CREATE TRIGGER tr_proposals_status AFTER UPDATE OF status ON proposals WHEN NEW.status IS NOT OLD.status BEGIN
                DELETE FROM review_queue WHERE proposal_id = NEW.id AND NEW.status <> 'pending';
                INSERT OR IGNORE INTO review_queue(proposal_id, score) SELECT NEW.id, NEW.score WHERE NEW.status = 'pending';
            END;
            CREATE TRIGGER tr_proposals_score AFTER UPDATE OF score ON proposals BEGIN
                UPDATE review_queue SET score = NEW.score WHERE proposal_id = NEW.id;
            END;
            -- An entity absorbed: the rows naming it are followed again (to its survivor) by ReviewQueueRefresh.
            CREATE TRIGGER tr_entities_absorbed AFTER UPDATE OF status ON entities WHEN NEW.status IS NOT OLD.status BEGIN
                UPDATE review_queue SET current_a = NULL, current_b = NULL, variants = 0 WHERE current_a = NEW.id OR current_b = NEW.id;
            END;
            """),
        // Candidates are found by the candidate index, built from the variants: the key table was written and never read.
        // The service's tables (API keys, idempotent answers) and single-name indexes join the one list, as in PostgreSQL
        // (they had a list of their own, versioned in meta 'service.schema': registries that ran it have them already).
        (7, """
            DROP TABLE IF EXISTS blocking_keys;
            CREATE TABLE IF NOT EXISTS api_keys (id INTEGER PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL, created TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS idempotent_answers (scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
                body TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (scope, key));
            CREATE INDEX IF NOT EXISTS ix_svc_variants_entity_id ON variants(entity_id, id);
            CREATE INDEX IF NOT EXISTS ix_svc_proposals_pair ON proposals(entity_a, entity_b);
            CREATE INDEX IF NOT EXISTS ix_svc_events_other ON events(other_id);
            DELETE FROM meta WHERE key = 'service.schema';
            """),
        // Data protection (issue 16): erasure records and the append-only read audit (PersonalDataSchema).
        (8, PersonalDataSchema.Migration(postgres: false)),
        // External identifiers of entities (issue 15): LEI, ROR id, ORCID ..., one entity per (scheme, value).
        (9, ExternalIdSql.Schema("TEXT")),
        // Fewer indexes written per event and variant (EventIndexSchema); ix_svc_variants_entity_id (entity_id, id) serves
        // every lookup ix_variants_entity served.
        (10, EventIndexSchema.Migration + "DROP INDEX IF EXISTS ix_variants_entity;\n"),
    };

    public static int Latest => All[^1].Version;

    /// <summary>Applies the migrations after <paramref name="version"/>, each in its own transaction with the version it sets.</summary>
    /// <remarks>
    /// An existing registry upgraded here is rewritten once (VACUUM) when it has free pages: pages freed before freed
    /// bytes were zeroed (secure_delete, set on every connection) may still hold names an erasure must not leave behind.
    /// </remarks>
    public static async Task ApplyAsync(SqliteConnection connection, int version, CancellationToken ct)
    {
        foreach (var (v, sql) in All)
        {
            if (v <= version) continue;
            using var tx = connection.BeginTransaction();
            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = sql + $"\nPRAGMA user_version = {v};";
                await cmd.ExecuteNonQueryAsync(ct);
            }
            tx.Commit();
        }
        if (version == 0 || version >= Latest) return;
        using var free = connection.CreateCommand();
        free.CommandText = "PRAGMA freelist_count;";
        if (Convert.ToInt64(await free.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0) return;
        free.CommandText = "VACUUM;";
        await free.ExecuteNonQueryAsync(ct);
    }
}

