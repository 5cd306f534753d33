using Names.Normalization;
using Names.Resolver.Resolution;
using Names.Resolver.Service;
using Names.Resolver.Storage.Sqlite;

namespace Names.Service.Tests;

/// <summary>The online path applies the same name conflict rules as the bulk resolver.</summary>
public sealed class OnlineNameConflictTests
{
    private static async Task<List<string>> ResolveIdsAsync(ResolutionOptions options, params (string Name, string Kind)[] names)
    {
        var dir = Directory.CreateTempSubdirectory("names-online-conflict-").FullName;
        try
        {
            await using var registry = await SqliteOnlineRegistry.OpenAsync(Path.Combine(dir, "names.db"));
            using var normalizer = NameNormalizer.CreateDefault();
            var online = await OnlineResolver.CreateAsync(registry, normalizer, options);
            var ids = new List<string>();
            foreach (var (name, kind) in names)
                ids.Add((await online.ResolveAsync(new NameInput(name, "CN", kind), "test", "test")).Single().GlobalId);
            return ids;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Persons_with_different_family_names_get_different_ids_online()
    {
        var names = new[] { ("王建华", "person"), ("赵建华", "person"), ("Wang, Jianhua", "person") };
        var ids = await ResolveIdsAsync(new ResolutionOptions(), names);
        Assert.NotEqual(ids[0], ids[1]);
        Assert.Equal(ids[0], ids[2]);
    }
}
