using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Storage;

namespace Names.Resolver.Tests;

public sealed class SqliteRunResumeTests : RunResumeContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("names-resume-").FullName;

    protected override async Task<IRegistryStore> OpenAsync(string name) => await SqliteRegistryStore.OpenAsync(Path.Combine(_dir, name));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
