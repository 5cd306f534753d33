using Names.Resolver.Identifiers;
using Names.Resolver.Review;
using Names.Resolver.Storage;

namespace Names.Testing;

/// <summary>
/// The review queue part of the store contract: pending proposals ordered, filtered and paged by the database, checked
/// against the documented order computed here from the entities as they are now.
/// </summary>
public abstract partial class RegistryStoreContract
{
    private const double Boundary = 0.7;

    /// <summary>
    /// Six entities with 1..5 variants (the sixth a person from another file) and 40 proposals between them whose scores
    /// tie often (same score, and mirrored around 0.7). Returns the ids, and the proposals in insertion order with ids.
    /// </summary>
    private static async Task<(string[] Entities, List<ReviewProposal> Proposals)> QueueAsync(IRegistryStore store)
    {
        var minter = new IdMinter(5);
        var batch = new RegistryBatch();
        var entities = new string[6];
        long variantId = 0;
        for (int e = 0; e < entities.Length; e++)
        {
            var person = e == 5;
            entities[e] = minter.Mint(person ? 'P' : 'L');
            var kind = person ? "person" : "legal_entity";
            batch.NewEntities.Add(new EntityRecord(entities[e], kind, $"FIRM {e}"));
            batch.Events.Add(new RegistryEvent(RegistryEventType.Minted, entities[e], null, "test", "", T0));
            for (int v = 0; v < (person ? 1 : e + 1); v++)
            {
                var name = $"FIRM {e} VARIANT {v}";
                var country = e == 2 ? "IE" : v % 2 == 0 ? "NL" : "";
                var source = person ? "b.csv" : e == 3 ? "/data/in_50%.csv" : "/data/in.csv";
                batch.NewVariants.Add(new VariantRecord(++variantId, entities[e], kind, name, name, name.Replace(" ", ""), "", country, "", source, variantId));
            }
        }
        double[] scores = [0.5, 0.55, 0.6, 0.62, 0.66, 0.68, 0.7, 0.72, 0.74, 0.78, 0.8, 0.8, 0.8, 0.85, 0.9, 0.95, 0.9999];
        var random = new Random(7);
        for (int i = 0; i < 40; i++)
        {
            var a = random.Next(entities.Length);
            var b = (a + 1 + random.Next(entities.Length - 1)) % entities.Length;
            batch.NewProposals.Add(new ReviewProposal(0, entities[a], entities[b], scores[random.Next(scores.Length)], "", ProposalStatus.Pending, T0));
        }
        await store.ApplyAsync(batch);
        var stored = (await store.GetProposalsAsync(null)).OrderBy(p => p.Id).ToList();
        Assert.Equal(batch.NewProposals.Select(p => (p.EntityA, p.EntityB, p.Score)), stored.Select(p => (p.EntityA, p.EntityB, p.Score)));
        return (entities, stored);
    }

    /// <summary>The documented queue order, computed from the store's own answers about the entities as they are now.</summary>
    private static async Task<List<long>> ExpectedOrderAsync(IRegistryStore store, Func<ReviewProposal, EntityFacts, EntityFacts, bool>? keep = null)
    {
        var rows = new List<(long Id, double Distance, int Size)>();
        var pending = await store.GetProposalsAsync(ProposalStatus.Pending);
        var current = new Dictionary<string, string>();
        foreach (var id in pending.SelectMany(p => new[] { p.EntityA, p.EntityB }).Distinct()) current[id] = (await store.ResolveAsync(id))!.Id;
        var facts = (await store.GetEntityFactsAsync(current.Values.Distinct().ToList())).ToDictionary(f => f.Id);
        foreach (var p in pending)
        {
            var (a, b) = (facts[current[p.EntityA]], facts[current[p.EntityB]]);
            if (keep is null || keep(p, a, b)) rows.Add((p.Id, Math.Round(Math.Abs(p.Score - Boundary), 6), a.VariantCount + b.VariantCount));
        }
        return rows.OrderBy(r => r.Distance).ThenByDescending(r => r.Size).ThenBy(r => r.Id).Select(r => r.Id).ToList();
    }

    private static async Task<List<long>> PageAsync(IRegistryStore store, PendingProposalQuery query, int offset, int limit) =>
        (await store.GetPendingProposalsAsync(query, offset, limit)).Select(p => p.Id).ToList();

    [Fact]
    public async Task Pending_proposals_come_in_queue_order_page_by_page_ties_included()
    {
        await using var store = await CreateEmptyStoreAsync();
        var (_, proposals) = await QueueAsync(store);
        await store.RecordDecisionAsync(new ReviewDecisionRequest(proposals[0].Id, ReviewDecisionStatus.Rejected, "ann", null)); // decided: out of the queue
        var expected = await ExpectedOrderAsync(store);
        Assert.Equal(39, expected.Count);
        var query = new PendingProposalQuery(Boundary);
        Assert.Equal(expected, await PageAsync(store, query, 0, int.MaxValue));
        Assert.Equal(39, await store.CountPendingProposalsAsync(query));
        // Every page boundary, so that pages cutting through groups of equal distance are checked too.
        foreach (var limit in new[] { 1, 3, 7 })
            for (int offset = 0; offset <= expected.Count; offset += limit)
                Assert.Equal(expected.Skip(offset).Take(limit), await PageAsync(store, query, offset, limit));
        Assert.Empty(await PageAsync(store, query, 0, 0));
    }

    [Fact]
    public async Task The_queue_follows_absorbed_entities_to_their_survivors_for_size_and_filters()
    {
        await using var store = await CreateEmptyStoreAsync();
        var (e, _) = await QueueAsync(store);
        // e2 (the only Irish one) absorbs e4, then e1 absorbs e2: a chain of two redirects.
        await ReviewedMerge.MergeAsync(store, e[2], e[4], "test");
        await ReviewedMerge.MergeAsync(store, e[1], e[2], "test");
        Assert.Equal(e[1], (await store.ResolveAsync(e[4]))!.Id);
        var expected = await ExpectedOrderAsync(store);
        var query = new PendingProposalQuery(Boundary);
        foreach (var (offset, limit) in new[] { (0, 5), (5, 5), (10, 20), (0, int.MaxValue) })
            Assert.Equal(expected.Skip(offset).Take(limit), await PageAsync(store, query, offset, limit));

        // Ireland now belongs to e1: proposals naming e1, e2 or e4 pass; their absorbed ids are not looked at.
        var irish = new PendingProposalQuery(Boundary, Country: "IE");
        var current = new[] { e[1], e[2], e[4] };
        var expectedIrish = await ExpectedOrderAsync(store, (p, _, _) => current.Contains(p.EntityA) || current.Contains(p.EntityB));
        Assert.NotEmpty(expectedIrish);
        Assert.Equal(expectedIrish, await PageAsync(store, irish, 0, 100));
        Assert.Equal(expectedIrish.Count, await store.CountPendingProposalsAsync(irish));
    }

    [Fact]
    public async Task Filters_on_kind_country_score_band_and_source_and_a_reviewers_skips_apply_in_the_database()
    {
        await using var store = await CreateEmptyStoreAsync();
        var (e, proposals) = await QueueAsync(store);
        bool Has(EntityFacts a, EntityFacts b, Func<EntityFacts, bool> test) => test(a) || test(b);
        var cases = new (ProposalFilter Filter, Func<ReviewProposal, EntityFacts, EntityFacts, bool> Keep)[]
        {
            (new ProposalFilter(Kind: "person"), (_, a, b) => Has(a, b, f => f.Kind == "person")),
            (new ProposalFilter(Kind: "Organisation"), (_, a, b) => Has(a, b, f => f.Kind == "legal_entity")),
            (new ProposalFilter(Country: " ie "), (_, a, b) => Has(a, b, f => f.Countries.Contains("IE"))),
            (new ProposalFilter(MinScore: 0.6, MaxScore: 0.8), (p, _, _) => p.Score is >= 0.6 and <= 0.8),
            (new ProposalFilter(Source: "B.CSV"), (_, a, b) => Has(a, b, f => f.Sources.Contains("b.csv"))),
            (new ProposalFilter(Source: "in_50%.csv"), (_, a, b) => Has(a, b, f => f.Sources.Contains("/data/in_50%.csv"))),
            (new ProposalFilter(Source: "/data/in.csv", MinScore: 0.7), (p, a, b) => p.Score >= 0.7 && Has(a, b, f => f.Sources.Contains("/data/in.csv"))),
            (new ProposalFilter(Source: "n.csv"), (_, _, _) => false), // a file name matches whole, not as a suffix
            (new ProposalFilter(Kind: "person", Country: "IE"), (_, a, b) => Has(a, b, f => f.Kind == "person") && Has(a, b, f => f.Countries.Contains("IE"))),
        };
        foreach (var (filter, keep) in cases)
        {
            var query = PendingProposalQuery.From(filter, Boundary);
            var expected = await ExpectedOrderAsync(store, keep);
            Assert.Equal(expected, await PageAsync(store, query, 0, 100));
            Assert.Equal(expected.Take(2), await PageAsync(store, query, 0, 2));
            Assert.Equal(expected.Count, await store.CountPendingProposalsAsync(query));
        }

        // Skips hide proposals from that reviewer only, until undone.
        var all = await ExpectedOrderAsync(store);
        await store.RecordDecisionAsync(new ReviewDecisionRequest(all[0], ReviewDecisionStatus.Skipped, "ann", null));
        await store.RecordDecisionAsync(new ReviewDecisionRequest(all[1], ReviewDecisionStatus.Skipped, "ann", null));
        Assert.Equal(all[2], (await PageAsync(store, new PendingProposalQuery(Boundary, NotSkippedBy: "ann"), 0, 1)).Single());
        Assert.Equal(all[0], (await PageAsync(store, new PendingProposalQuery(Boundary, NotSkippedBy: "bob"), 0, 1)).Single());
        await store.UndoLastDecisionAsync("ann");
        Assert.Equal(all[1], (await PageAsync(store, new PendingProposalQuery(Boundary, NotSkippedBy: "ann"), 0, 1)).Single());
        Assert.Equal(40, await store.CountPendingProposalsAsync(new PendingProposalQuery(Boundary)));
        Assert.Contains(proposals, p => p.Id == all[0]);
    }
}
