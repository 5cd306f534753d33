namespace Names.Testing;

/// <summary>One in-memory service on a temporary SQLite registry shared by the tests of a class (each test uses names of its own).</summary>
public sealed class SqliteServiceFixture : IAsyncLifetime
{
    public ServiceFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync() => Factory = await ServiceFactory.CreateSqliteAsync();

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
