namespace Names.Resolver.Storage;

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
    };

    public static int Latest => All[^1].Version;
}
