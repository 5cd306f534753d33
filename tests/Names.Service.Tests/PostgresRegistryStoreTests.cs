using Names.Resolver.Storage;
using Names.Resolver.Storage.Postgres;
using Names.Resolver.Tests;

namespace Names.Service.Tests;

/// <summary>The registry store contract (the same tests SQLite passes) against PostgreSQL, one schema per test.</summary>
public sealed class PostgresRegistryStoreTests : RegistryStoreContract
{
    protected override async Task<IRegistryStore> CreateEmptyStoreAsync() =>
        await PostgresRegistryStore.OpenAsync(await TestPostgres.CreateSchemaAsync());

    [PostgresFact]
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
        Assert.Equal(3, await again.GetSchemaVersionAsync());
        Assert.Equal("v", await again.GetMetaAsync("k"));
    }
}
