using Npgsql;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Postgres;
using Names.Testing;

namespace Names.Service.Tests;

/// <summary>The registry store contract (the same tests SQLite passes) against PostgreSQL, one schema per test.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresRegistryStoreTests : RegistryStoreContract
{
    protected override async Task<IRegistryStore> CreateEmptyStoreAsync() =>
        await PostgresRegistryStore.OpenAsync(await TestPostgres.CreateSchemaAsync());

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task Migrations_are_applied_once_and_reopening_keeps_the_data()
    {
        var cs = await TestPostgres.CreateSchemaAsync();
        await using (var first = await PostgresRegistryStore.OpenAsync(cs))
        {
            var batch = new RegistryBatch();
            batch.Meta["k"] = "v";
            await first.ApplyAsync(batch);
        }
        await using var again = await PostgresRegistryStore.OpenAsync(cs);
        Assert.Equal(10, await again.GetSchemaVersionAsync());
        Assert.Equal("v", await again.GetMetaAsync("k"));
    }

    /// <summary>
    /// A schema-3 database (put back from a fresh one: version 4 adds indexes and the proposals' contributions, 5 the key ring,
    /// 6 the review_queue with its triggers) with a pending proposal naming an absorbed entity is migrated on open: the
    /// queue's indexes are there, the old status index is gone, the queue follows the redirect, the old proposal's
    /// contributions read as unknown, and the maintained counts verify.
    /// </summary>
    [PostgresFact, Trait("Category", "Postgres")]
    public async Task A_version_3_database_gets_the_queue_indexes_on_open_and_its_pending_proposals_are_served()
    {
        var cs = await TestPostgres.CreateSchemaAsync();
        await (await PostgresRegistryStore.OpenAsync(cs)).DisposeAsync();
        await ExecAsync(cs, """
            DROP INDEX ix_proposals_status_score; DROP INDEX ix_entities_absorbed; ALTER TABLE proposals DROP COLUMN contributions;
            CREATE INDEX ix_proposals_status ON proposals(status);
            DROP TABLE data_protection_keys;
            DROP TABLE erasures, read_audit; DROP FUNCTION names_read_audit_append_only CASCADE;
            DROP TABLE review_queue, entity_countries, entity_sources;
            DROP FUNCTION names_count_variants, names_variants_inserted, names_variants_deleted, names_variants_updated,
                names_proposal_queued, names_entity_status_changed CASCADE;
            ALTER TABLE entities DROP COLUMN variant_count;
            UPDATE schema_version SET version = 3;
            INSERT INTO entities VALUES ('LQC5N98MP2FE1280', 'legal_entity', 'PHILIPS', 'active', NULL),
                ('LS7EGHHRGVBFAJ33', 'legal_entity', 'PHILIPS GLOEILAMPENFABRIEKEN', 'absorbed', 'LQC5N98MP2FE1280'),
                ('L5EX969AD7W6R939', 'legal_entity', 'SIEMENS', 'active', NULL);
            INSERT INTO variants VALUES (1, 'LQC5N98MP2FE1280', 'legal_entity', 'PHILIPS', 'PHILIPS', 'PHILIPS', '', 'NL', '', 'in.csv', 2, '', ''),
                (2, 'L5EX969AD7W6R939', 'legal_entity', 'SIEMENS', 'SIEMENS', 'SIEMENS', '', 'DE', '', 'in.csv', 3, '', '');
            INSERT INTO proposals(entity_a, entity_b, score, explanation, status, created)
                VALUES ('LS7EGHHRGVBFAJ33', 'L5EX969AD7W6R939', 0.7, '', 'pending', now());
            """);
        await using var store = await PostgresRegistryStore.OpenAsync(cs);
        Assert.Equal(10, await store.GetSchemaVersionAsync());
        var indexes = await IndexesAsync(cs);
        Assert.Contains("ix_proposals_status_score", indexes);
        Assert.Contains("ix_entities_absorbed", indexes);
        Assert.DoesNotContain("ix_proposals_status", indexes);
        Assert.DoesNotContain("ix_blocking_keys_key", indexes); // schema 7: the key table (never read) is gone
        var netherlands = new PendingProposalQuery(0.7, Country: "NL");
        var pending = (await store.GetPendingProposalsAsync(netherlands, 0, 10)).Single();
        Assert.Equal(("LS7EGHHRGVBFAJ33", null), (pending.EntityA, pending.Contributions)); // contributions unknown: written before
        Assert.Equal(1, await store.CountPendingProposalsAsync(netherlands));
    }

    private static async Task ExecAsync(string cs, string sql)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> IndexesAsync(string cs)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()", c);
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await r.ReadAsync()) list.Add(r.GetString(0));
        return list;
    }
}
