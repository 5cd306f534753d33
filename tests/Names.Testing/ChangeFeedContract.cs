using Names.Resolver.Identifiers;
using Names.Resolver.Privacy;
using Names.Resolver.Registry;
using Names.Resolver.Resolution;
using Names.Resolver.Storage;

namespace Names.Testing;

/// <summary>
/// The change feed's floor, for any store: after a bulk run, merges (reviewers' decisions), an undone merge, a split and
/// erasures, a consumer that replays the feed from seq 0 holds every id ever issued mapped to its current survivor or
/// to "erased", exactly as the registry's entities and redirects export say.
/// </summary>
public static class ChangeFeedContract
{
    public const string Erased = "(erased)";

    public static async Task ReplayRebuildsTheRegistryMapAsync(IRegistryStore store)
    {
        string[] people = ["Jansen, Pieter", "de Vries, Anna", "Bakker, Kees", "Visser, Maria", "Smit, Joost", "Mulder, Eva", "Bos, Henk", "Dekker, Lotte"];
        string[] firms = ["Akzo Nobel N.V.", "Koninklijke Philips N.V.", "Unilever N.V.", "ASML Netherlands B.V."];
        var engine = await ResolutionEngine.OpenAsync(store, new ResolutionOptions { Seed = 7 });
        var resolved = await engine.ResolveAllAsync(people.Select(p => new ResolveInput(p, Kind: "person")).Concat(firms.Select(f => new ResolveInput(f, Kind: "legal_entity"))));
        var ids = resolved.Select(r => r.GlobalId!).Distinct().ToList();
        var persons = ids.Where(i => i[0] == GlobalId.PersonPrefix).ToList();
        var legal = ids.Where(i => i[0] == GlobalId.LegalEntityPrefix).ToList();
        Assert.True(persons.Count >= 6 && legal.Count >= 3, string.Join(",", ids));

        await ReviewedMerge.MergeAsync(store, persons[0], persons[1]);
        await ReviewedMerge.MergeAsync(store, persons[2], persons[3]);
        await ReviewedMerge.MergeAsync(store, legal[0], legal[1]);
        Assert.NotNull(await store.UndoLastDecisionAsync("analyst")); // legal[1] is its own entity again
        await ReviewedMerge.MergeAsync(store, persons[4], persons[5]);
        var variantsOf4 = await store.GetVariantsOfEntityAsync(persons[4]);
        var splitId = GlobalId.Create(GlobalId.PersonPrefix, (UInt128)Random.Shared.NextInt64(1, long.MaxValue));
        await store.SplitAsync(persons[4], [variantsOf4[^1].Id], new EntityRecord(splitId, "person", "split off"), "analyst", "two people");
        Assert.Equal(ErasureStatus.Erased, (await store.PersonalData.EraseAsync(new ErasureRequest(persons[1], "dpo", "art. 17 request"))).Status); // erases persons[0] with it
        Assert.Equal(ErasureStatus.Erased, (await store.PersonalData.EraseAsync(new ErasureRequest(splitId, "dpo", "art. 17 request"))).Status);
        Assert.Equal(ErasureStatus.NotAPerson, (await store.PersonalData.EraseAsync(new ErasureRequest(legal[2], "dpo", "not a person"))).Status);

        // The consumer: pages of 3 from seq 0, each change applied in order.
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        long cursor = 0;
        for (var page = await store.PersonalData.GetChangesAsync(cursor, 3); page.Changes.Count > 0; page = await store.PersonalData.GetChangesAsync(cursor, 3))
        {
            foreach (var c in page.Changes)
                map[c.Id] = c.Type switch { "merged" => c.Survivor!, "erased" => Erased, _ => c.Id };
            cursor = page.Next;
        }
        Assert.Empty((await store.PersonalData.GetChangesAsync(cursor + 1000, 10)).Changes); // past the end: an empty page
        string Follow(string id)
        {
            for (int i = 0; i < 100 && map[id] != id && map[id] != Erased; i++) id = map[id];
            return map[id] == Erased ? Erased : id;
        }

        // The registry's own view: entities (active, erased) and redirects, as `names export` writes them.
        var exporter = new RegistryExporter(store);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var e in exporter.EntitiesAsync())
            if (e.Status != EntityStatus.Absorbed) expected[e.Id] = e.Status == EntityStatus.Erased ? Erased : e.Id;
        await foreach (var (absorbed, survivor) in exporter.RedirectsAsync())
            expected[absorbed] = expected[survivor];
        Assert.Equal(expected.OrderBy(kv => kv.Key).ToList(), map.Keys.ToDictionary(k => k, Follow).OrderBy(kv => kv.Key).ToList());
        Assert.Equal(Erased, Follow(persons[0]));
        Assert.Equal(Erased, Follow(persons[1]));
        Assert.Equal(legal[1], Follow(legal[1]));
        Assert.Equal(persons[4], Follow(persons[5]));
        Assert.Empty(await store.PersonalData.CheckAsync());
    }
}
