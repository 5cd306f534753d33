using Names.Resolver.Storage;
using Names.Resolver.Storage.Postgres;
using Names.Testing;

namespace Names.Service.Tests;

/// <summary>The resumable-run contract (stop, resume, same results and events) on PostgreSQL, one schema per registry name.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresRunResumeTests : RunResumeContract
{
    private readonly Dictionary<string, string> _schemas = new();

    protected override async Task<IRegistryStore> OpenAsync(string name)
    {
        if (!_schemas.TryGetValue(name, out var cs)) _schemas[name] = cs = await TestPostgres.CreateSchemaAsync();
        return await PostgresRegistryStore.OpenAsync(cs);
    }
}
