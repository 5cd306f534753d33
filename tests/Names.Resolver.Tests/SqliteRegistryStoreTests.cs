using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Storage;

namespace Names.Resolver.Tests;

public sealed class SqliteRegistryStoreTests : RegistryStoreContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("names-store-").FullName;

    protected override async Task<IRegistryStore> CreateEmptyStoreAsync() =>
        await SqliteRegistryStore.OpenAsync(Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".db"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
