using Names.Normalization;
using Names.Resolver.Resolution;
using Names.Resolver.Service;
using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Postgres;
using Names.Testing;

namespace Names.Service.Tests;

/// <summary>
/// A registry written by the bulk resolver (`names resolve`) is served as is: every name it resolved is found again by
/// the online path, with the id the bulk run gave it, on SQLite and on PostgreSQL.
/// </summary>
public sealed class BulkRegistryServedTests
{
    private static async Task AssertOnlineAgreesAsync(IRegistryStore store, IOnlineRegistry registry)
    {
        var rows = PatstatRow.Load();
        var engine = await ResolutionEngine.OpenAsync(store);
        var bulk = await engine.ResolveAllAsync(rows.Select((r, i) => new ResolveInput(r.Name, "NL", Row: i + 1)));
        using var normalizer = NameNormalizer.CreateDefault();
        var online = await OnlineResolver.CreateAsync(registry, normalizer);
        var resolved = bulk.Where(b => b.Resolution != ResolutionKind.Rejected).ToList();
        int agree = 0, lookupTop = 0;
        foreach (var b in resolved)
        {
            var answer = (await online.ResolveAsync(new NameInput(b.Input.Name, "NL"), "test", "test")).Single(p => p.Party.PartySeq == b.PartySeq);
            if (answer.GlobalId == b.GlobalId && answer.Resolution == ResolutionKind.Matched) agree++;
            var lookup = (await online.LookupAsync(new NameInput(b.Input.Name, "NL"), 1)).Single(p => p.Party.PartySeq == b.PartySeq);
            if (lookup.Candidates.FirstOrDefault()?.EntityId == b.GlobalId) lookupTop++;
        }
        // Known variants are matched exactly: every one must agree.
        Assert.Equal(resolved.Count, agree);
        // Lookup answers the entity holding the exact name first.
        Assert.Equal(resolved.Count, lookupTop);
    }

    [Fact]
    public async Task Sqlite_registry_from_the_bulk_resolver_is_served_with_the_same_ids()
    {
        var dir = Directory.CreateTempSubdirectory("names-agree-").FullName;
        try
        {
            var path = Path.Combine(dir, "names.db");
            await using var store = await SqliteRegistryStore.OpenAsync(path);
            await using var registry = await SqliteOnlineRegistry.OpenAsync(path);
            await AssertOnlineAgreesAsync(store, registry);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_stored_model_that_cannot_be_loaded_is_refused_by_the_service_and_the_one_before_it_scores()
    {
        var dir = Directory.CreateTempSubdirectory("names-refused-").FullName;
        try
        {
            var path = Path.Combine(dir, "names.db");
            await using (var store = await SqliteRegistryStore.OpenAsync(path))
            {
                await Names.Resolver.Scoring.PairScorerSerializer.SaveAsync(store, Names.Resolver.Scoring.DefaultModel.Load(), "em");
                await store.SaveModelAsync("boosted_trees", "{\"Model\":", "damaged");
            }
            await using var registry = await SqliteOnlineRegistry.OpenAsync(path);
            using var normalizer = NameNormalizer.CreateDefault();
            var online = await OnlineResolver.CreateAsync(registry, normalizer);
            Assert.Equal(Names.Resolver.Scoring.DefaultModel.Load().Kind, online.Scorer.Kind);
            Assert.Contains("boosted_trees v2 cannot be loaded", online.ModelRefused);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task Postgres_registry_from_the_bulk_resolver_is_served_with_the_same_ids()
    {
        var cs = await TestPostgres.CreateSchemaAsync();
        await using var store = await PostgresRegistryStore.OpenAsync(cs);
        await using var registry = await PostgresOnlineRegistry.OpenAsync(cs);
        await AssertOnlineAgreesAsync(store, registry);
    }
}
