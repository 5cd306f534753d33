using Names.Testing;
using Names.Resolver.Review;
using Names.Normalization;
using Names.Resolver.Resolution;
using Names.Resolver.Service;
using Names.Resolver.Service.ReadModel;
using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Postgres;

namespace Names.Service.Tests;

/// <summary>
/// Lookups answer from the in-process read model; it follows the database's change feed, so two instances on one
/// database see each other's new names, merges and splits (within the staleness bound), and a resolve compares with
/// everything committed before it took the database lock.
/// </summary>
public sealed class ReadModelFreshnessTests
{
    private static readonly ReadModelOptions Always = new() { MaxStaleness = TimeSpan.Zero };
    private static readonly ReadModelOptions Hourly = new() { MaxStaleness = TimeSpan.FromHours(1) };

    private static async Task<string?> TopAsync(OnlineResolver resolver, string name, string country) =>
        (await resolver.LookupAsync(new NameInput(name, country), 5)).Single().Candidates.FirstOrDefault()?.EntityId;

    private static async Task<PartyResolution> ResolveAsync(OnlineResolver resolver, string name, string country) =>
        (await resolver.ResolveAsync(new NameInput(name, country), "test", "test")).Single();

    private static async Task WithSqliteAsync(Func<string, Task> test)
    {
        var dir = Directory.CreateTempSubdirectory("names-readmodel-").FullName;
        try { await test(Path.Combine(dir, "names.db")); }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task NewNamesOfOneInstanceReachTheOtherAsync(IOnlineRegistry first, IOnlineRegistry second, IOnlineRegistry third)
    {
        using var normalizer = NameNormalizer.CreateDefault();
        var a = await OnlineResolver.CreateAsync(first, normalizer);
        var b = await OnlineResolver.CreateAsync(second, normalizer, freshness: Always);
        var lazy = await OnlineResolver.CreateAsync(third, normalizer, freshness: Hourly);
        Assert.Null(await TopAsync(b, "Ostermoor Pumpenwerke GmbH", "DE"));

        var minted = await ResolveAsync(a, "Ostermoor Pumpenwerke GmbH", "DE");
        Assert.Equal(ResolutionKind.New, minted.Resolution);
        // The writing instance sees its own write at once, the other one at its next lookup (staleness 0) ...
        Assert.Equal(minted.GlobalId, await TopAsync(a, "Ostermoor Pumpenwerke GmbH", "DE"));
        Assert.Equal(minted.GlobalId, await TopAsync(b, "Ostermoor Pumpenwerke GmbH", "DE"));
        // ... and one allowed an hour of staleness only after it catches up.
        Assert.Null(await TopAsync(lazy, "Ostermoor Pumpenwerke GmbH", "DE"));
        await lazy.ReadModel.EnsureFreshAsync(TimeSpan.Zero);
        Assert.Equal(minted.GlobalId, await TopAsync(lazy, "Ostermoor Pumpenwerke GmbH", "DE"));
    }

    [Fact]
    public Task A_name_resolved_by_one_instance_is_found_by_another_on_sqlite() => WithSqliteAsync(async path =>
    {
        await using var first = await SqliteOnlineRegistry.OpenAsync(path);
        await using var second = await SqliteOnlineRegistry.OpenAsync(path);
        await using var third = await SqliteOnlineRegistry.OpenAsync(path);
        await NewNamesOfOneInstanceReachTheOtherAsync(first, second, third);
    });

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task A_name_resolved_by_one_instance_is_found_by_another_on_postgres()
    {
        var cs = await TestPostgres.CreateSchemaAsync();
        await using var first = await PostgresOnlineRegistry.OpenAsync(cs);
        await using var second = await PostgresOnlineRegistry.OpenAsync(cs);
        await using var third = await PostgresOnlineRegistry.OpenAsync(cs);
        await NewNamesOfOneInstanceReachTheOtherAsync(first, second, third);
    }

    [Fact]
    public Task A_resolve_compares_with_names_another_instance_wrote_before_it_took_the_lock() => WithSqliteAsync(async path =>
    {
        await using var first = await SqliteOnlineRegistry.OpenAsync(path);
        await using var second = await SqliteOnlineRegistry.OpenAsync(path);
        using var normalizer = NameNormalizer.CreateDefault();
        var a = await OnlineResolver.CreateAsync(first, normalizer);
        // Lookups on b may be an hour stale; its resolves still read every change under the lock.
        var b = await OnlineResolver.CreateAsync(second, normalizer, freshness: Hourly);
        var minted = await ResolveAsync(a, "Zwartevaart Hydraulics B.V.", "NL");
        var near = await ResolveAsync(b, "Zwartevaart Hydraulics Nederland B.V.", "NL");
        Assert.NotEqual(ResolutionKind.New, near.Resolution);
        Assert.Contains(minted.GlobalId, new[] { near.GlobalId, near.ProposedWith });
    });

    [Fact]
    public Task Merges_and_splits_written_to_the_store_move_lookups_to_the_right_entity() => WithSqliteAsync(async path =>
    {
        await using var online = await SqliteOnlineRegistry.OpenAsync(path);
        await using var store = await SqliteRegistryStore.OpenAsync(path);
        using var normalizer = NameNormalizer.CreateDefault();
        var writer = await OnlineResolver.CreateAsync(online, normalizer);
        var x = await ResolveAsync(writer, "Kobaltberg Elektronik AG", "CH");
        var y = await ResolveAsync(writer, "Lindqvist Tryckteknik AB", "SE");
        await using var other = await SqliteOnlineRegistry.OpenAsync(path);
        var reader = await OnlineResolver.CreateAsync(other, normalizer, freshness: Always);
        Assert.Equal(y.GlobalId, await TopAsync(reader, "Lindqvist Tryckteknik AB", "SE"));

        var (survivor, absorbed) = string.CompareOrdinal(x.GlobalId, y.GlobalId) < 0 ? (x, y) : (y, x);
        await ReviewedMerge.MergeAsync(store, survivor.GlobalId, absorbed.GlobalId, "test");
        Assert.Equal(survivor.GlobalId, await TopAsync(reader, absorbed.Party.DisplayName, absorbed.Party.Country));

        var leaving = (await store.GetVariantsOfEntityAsync(survivor.GlobalId)).Single(v => v.NameKey == absorbed.Party.NameKey);
        var splitOff = await new ReviewQueue(store, online, writer).SplitAsync(survivor.GlobalId, [leaving.Id], "test", "not the same");
        Assert.Equal(splitOff, await TopAsync(reader, absorbed.Party.DisplayName, absorbed.Party.Country));
        Assert.Equal(survivor.GlobalId, await TopAsync(reader, survivor.Party.DisplayName, survivor.Party.Country));
    });
}
