using Names.Normalization;
using Names.Resolver.Service;
using Names.Resolver.Service.ReadModel;
using Names.Resolver.Storage.Postgres;

namespace Names.Service.Tests;

/// <summary>
/// Two instances on one PostgreSQL, each with its own candidate index: a name one of them resolves is found by the
/// other under another spelling (through the index, not the exact-name path) once the staleness bound has passed.
/// </summary>
public sealed class InstanceIndexFreshnessTests
{
    private static readonly ReadModelOptions Bound = new() { MaxStaleness = TimeSpan.FromMilliseconds(200) };

    private static async Task<string?> TopAsync(OnlineResolver resolver, string name, string country) =>
        (await resolver.LookupAsync(new NameInput(name, country), 5)).Single().Candidates.FirstOrDefault()?.EntityId;

    [PostgresFact]
    public async Task Each_instance_finds_the_others_new_names_by_another_spelling_within_the_staleness_bound()
    {
        var cs = await TestPostgres.CreateSchemaAsync();
        await using var first = await PostgresOnlineRegistry.OpenAsync(cs);
        await using var second = await PostgresOnlineRegistry.OpenAsync(cs);
        using var normalizer = NameNormalizer.CreateDefault();
        var a = await OnlineResolver.CreateAsync(first, normalizer, freshness: Bound);
        var b = await OnlineResolver.CreateAsync(second, normalizer, freshness: Bound);

        Assert.Null(await TopAsync(b, "Ostermor Pumpenwerk", "DE"));
        foreach (var (writer, reader, name, spelling) in new[]
                 {
                     (a, b, "Ostermoor Pumpenwerke GmbH", "Ostermor Pumpenwerk"),
                     (b, a, "Vandermeulen Scheepsbouw BV", "Van der Meulen Scheepsbouw"),
                 })
        {
            var country = name.EndsWith("BV") ? "NL" : "DE";
            var minted = (await writer.ResolveAsync(new NameInput(name, country), "test", "test")).Single();
            await Task.Delay(Bound.MaxStaleness);
            Assert.Equal(minted.GlobalId, await TopAsync(reader, spelling, country));
        }
    }
}
