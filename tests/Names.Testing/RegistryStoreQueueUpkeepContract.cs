using Names.Resolver.Identifiers;
using Names.Resolver.Review;
using Names.Resolver.Storage;

namespace Names.Testing;

/// <summary>
/// The values a store maintains for the review queue (per entity: variant count, countries, sources; per pending
/// proposal: its entities as they are now and their variants summed) stay right through every write path, and pages
/// deep inside a large group of equal distance come in the same order as a plain full sort.
/// </summary>
public abstract partial class RegistryStoreContract
{
    /// <summary>The queue read whole and page by page agrees with the order computed here, and the store's recount finds nothing.</summary>
    private static async Task AssertQueueRightAsync(IRegistryStore store, string step)
    {
        Assert.True((await store.CheckReviewQueueAsync()) is { Count: 0 }, step + ": " + string.Join("; ", await store.CheckReviewQueueAsync()));
        var expected = await ExpectedOrderAsync(store);
        var query = new PendingProposalQuery(Boundary);
        Assert.Equal(expected, await PageAsync(store, query, 0, int.MaxValue));
        for (int offset = 0; offset <= expected.Count; offset += 4)
            Assert.Equal(expected.Skip(offset).Take(4), await PageAsync(store, query, offset, 4));
        Assert.Equal(expected.Count, await store.CountPendingProposalsAsync(query));
        foreach (var country in new[] { "IE", "NL" })
        {
            var filtered = await ExpectedOrderAsync(store, (_, a, b) => a.Countries.Contains(country) || b.Countries.Contains(country));
            Assert.Equal(filtered, await PageAsync(store, new PendingProposalQuery(Boundary, Country: country), 0, 100));
        }
    }

    [Fact]
    public async Task Maintained_queue_values_stay_right_through_merges_new_proposals_decisions_splits_undo_and_rescoring()
    {
        await using var store = await CreateEmptyStoreAsync();
        var (e, proposals) = await QueueAsync(store);
        await AssertQueueRightAsync(store, "written");

        await ReviewedMerge.MergeAsync(store, e[2], e[4], "test");
        await ReviewedMerge.MergeAsync(store, e[1], e[2], "test"); // e4 -> e2 -> e1
        await AssertQueueRightAsync(store, "chain of merges");

        // New variants for the survivor (one Irish), and new proposals naming the absorbed ids.
        var batch = new RegistryBatch();
        var next = await store.GetMaxVariantIdAsync();
        foreach (var (country, i) in new[] { ("IE", 1), ("", 2), ("DE", 3) })
            batch.NewVariants.Add(new VariantRecord(next + i, e[1], "legal_entity", $"LATE {i}", $"LATE {i}", $"LATE{i}", "", country, "", "late.csv", i));
        batch.NewProposals.Add(new ReviewProposal(0, e[4], e[5], 0.8, "", ProposalStatus.Pending, T0));
        batch.NewProposals.Add(new ReviewProposal(0, e[0], e[2], 0.6, "", ProposalStatus.Pending, T0));
        await store.ApplyAsync(batch);
        await AssertQueueRightAsync(store, "variants and proposals naming absorbed ids");

        // A reviewer merges e3 into e0, a second one rejects, a third skips.
        var pending = (await store.GetProposalsAsync(ProposalStatus.Pending)).OrderBy(p => p.Id).ToList();
        var between = pending.First(p => new[] { p.EntityA, p.EntityB }.Order().SequenceEqual(new[] { e[0], e[3] }.Order()));
        await store.RecordDecisionAsync(new ReviewDecisionRequest(between.Id, ReviewDecisionStatus.Accepted, "ann", null, e[0], e[3]));
        await AssertQueueRightAsync(store, "accepted");
        var other = pending.First(p => p.Id != between.Id && !new[] { p.EntityA, p.EntityB }.Contains(e[3]));
        await store.RecordDecisionAsync(new ReviewDecisionRequest(other.Id, ReviewDecisionStatus.Rejected, "bob", null));
        await AssertQueueRightAsync(store, "rejected");

        // e1 (the survivor of e2 and e4) splits two variants off to a new entity.
        var split = new IdMinter(77).Mint('L');
        var leaving = (await store.GetVariantsOfEntityAsync(e[1])).Where(v => v.DisplayName.StartsWith("FIRM 4 ")).Take(2).Select(v => v.Id).ToList();
        await store.SplitAsync(e[1], leaving, new EntityRecord(split, "legal_entity", "SPLIT"), "ann", "two firms");
        await AssertQueueRightAsync(store, "split");

        // Undo: bob's rejection (pending again), then ann's merge (e3 active again with its variants, proposals naming it back).
        Assert.NotNull(await store.UndoLastDecisionAsync("bob"));
        await AssertQueueRightAsync(store, "rejection undone");
        Assert.NotNull(await store.UndoLastDecisionAsync("ann"));
        Assert.Equal(4, (await store.GetVariantsOfEntityAsync(e[3])).Count);
        await AssertQueueRightAsync(store, "merge undone");

        Assert.True(await store.RescoreProposalAsync(proposals[5].Id, 0.7123, "rescored"));
        await AssertQueueRightAsync(store, "rescored");
    }

    /// <summary>
    /// 30 entities of 1..30 variants and 2,400 proposals, 1,800 of them tied at exactly 0.8 and 360 at 0.6 (the same distance
    /// from 0.7: one group spread over two scores), the rest spread: pages anywhere inside the group, and filtered
    /// pages (walking the queue, or starting from the filter's entities), equal the documented order computed by a
    /// full sort here.
    /// </summary>
    [Fact]
    public async Task Deep_pages_inside_a_large_tie_group_come_in_the_same_order_as_a_full_sort()
    {
        await using var store = await CreateEmptyStoreAsync();
        var minter = new IdMinter(9);
        var batch = new RegistryBatch();
        var entities = new string[30];
        long variantId = 0;
        for (int e = 0; e < entities.Length; e++)
        {
            var kind = e % 5 == 0 ? "person" : "legal_entity";
            entities[e] = minter.Mint(kind == "person" ? 'P' : 'L');
            batch.NewEntities.Add(new EntityRecord(entities[e], kind, $"E{e}"));
            batch.Events.Add(new RegistryEvent(RegistryEventType.Minted, entities[e], null, "test", "", T0));
            for (int v = 0; v <= e; v++)
                batch.NewVariants.Add(new VariantRecord(++variantId, entities[e], kind, $"E{e} V{v}", $"E{e} V{v}", $"E{e}V{v}", "", e % 3 == 0 ? "NL" : "DE", "",
                    "in.csv", variantId));
        }
        // Bystanders without proposals: so many Dutch entities that a Dutch filter walks the queue, while a German one
        // starts from its few entities (both ways of filtering are checked below).
        for (int e = 0; e < 2500; e++)
        {
            var id = minter.Mint('L');
            batch.NewEntities.Add(new EntityRecord(id, "legal_entity", $"B{e}"));
            batch.NewVariants.Add(new VariantRecord(++variantId, id, "legal_entity", $"B{e}", $"B{e}", $"B{e}", "", "NL", "", "other.csv", variantId));
        }
        var random = new Random(11);
        for (int i = 0; i < 2400; i++)
        {
            var a = random.Next(entities.Length);
            var b = (a + 1 + random.Next(entities.Length - 1)) % entities.Length;
            var score = i < 1800 ? 0.8 : i < 2160 ? 0.6 : Math.Round(0.5 + random.NextDouble() * 0.45, 3);
            batch.NewProposals.Add(new ReviewProposal(0, entities[a], entities[b], score, "", ProposalStatus.Pending, T0));
        }
        await store.ApplyAsync(batch);
        await ReviewedMerge.MergeAsync(store, entities[29], entities[28], "test"); // the largest grows: sizes move inside the group

        var expected = await ExpectedOrderAsync(store);
        var query = new PendingProposalQuery(Boundary);
        // Pages from the start, and (past the middle) from the end of the queue, the last ones included.
        foreach (var offset in new[] { 0, 1, 19, 20, 57, 150, 999, 1000, 1001, 1199, 1200, 1201, 1500, 1799, 2100, 2159, 2160, 2161, 2380, 2390, 2399, 2400 })
            Assert.Equal(expected.Skip(offset).Take(20), await PageAsync(store, query, offset, 20));
        Assert.Equal(expected.Skip(1100).Take(1000), await PageAsync(store, query, 1100, 1000));
        Assert.Equal(expected.Skip(1300), await PageAsync(store, query, 1300, int.MaxValue));
        Assert.Equal(expected, await PageAsync(store, query, 0, int.MaxValue));
        Assert.Equal(2400, await store.CountPendingProposalsAsync(query));
        var band = new PendingProposalQuery(Boundary, MinScore: 0.8);
        var expectedBand = await ExpectedOrderAsync(store, (p, _, _) => p.Score >= 0.8);
        foreach (var offset in new[] { 0, 900, 1500, 1790, 1850 })
            Assert.Equal(expectedBand.Skip(offset).Take(20), await PageAsync(store, band, offset, 20));

        var dutchPersons = PendingProposalQuery.From(new ProposalFilter(Kind: "person", Country: "nl"), Boundary);
        var expectedDutch = await ExpectedOrderAsync(store, (_, a, b) =>
            (a.Kind == "person" || b.Kind == "person") && (a.Countries.Contains("NL") || b.Countries.Contains("NL")));
        Assert.NotEmpty(expectedDutch);
        foreach (var offset in new[] { 0, 10, 25, 50, 400 })
            Assert.Equal(expectedDutch.Skip(offset).Take(10), await PageAsync(store, dutchPersons, offset, 10));
        Assert.Equal(expectedDutch.Count, await store.CountPendingProposalsAsync(dutchPersons));
        foreach (var (country, source) in new[] { ("NL", null), ("DE", null), ("NL", "in.csv") })
        {
            var query2 = new PendingProposalQuery(Boundary, Country: country, Source: source);
            var expected2 = await ExpectedOrderAsync(store, (_, a, b) => (a.Countries.Contains(country) || b.Countries.Contains(country))
                && (source is null || a.Sources.Contains(source) || b.Sources.Contains(source)));
            Assert.Equal(expected2.Count, await store.CountPendingProposalsAsync(query2));
            foreach (var offset in new[] { 0, 33, 170, 330, 1100, 1700 })
                Assert.Equal(expected2.Skip(offset).Take(20), await PageAsync(store, query2, offset, 20));
        }
        Assert.Empty(await store.CheckReviewQueueAsync());
    }
}
