using Names.Resolver.Identifiers;
using Names.Resolver.Review;
using Names.Resolver.Storage;

namespace Names.Testing;

/// <summary>The external identifiers part of the store contract: links, status updates, and the merge veto.</summary>
public abstract partial class RegistryStoreContract
{
    private const string LeiA = "HWUPKR0MPOU8FGXBT394", LeiB = "5493001KJTIIGC8Y1R12";

    private static RegistryBatch Links(params ExternalIdLink[] links)
    {
        var batch = new RegistryBatch();
        batch.ExternalIds.AddRange(links);
        return batch;
    }

    [Fact]
    public async Task External_ids_are_found_by_value_and_by_entity_and_a_newer_status_replaces_the_old()
    {
        await using var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync(Batch(new IdMinter(1), out var a, out var b));
        await store.ApplyAsync(Links(new("lei", LeiA, a, "gleif.csv", "ACTIVE/ISSUED", T0), new("ror", "0000ev088", a, "ror.json", "active", T0)));
        Assert.Equal(a, (await store.FindExternalIdAsync("lei", LeiA))!.EntityId);
        Assert.Null(await store.FindExternalIdAsync("lei", LeiB));
        Assert.Equal(["lei:" + LeiA, "ror:0000ev088"], (await store.GetExternalIdsAsync(a)).Select(x => x.ToString()));
        Assert.Empty(await store.GetExternalIdsAsync(b));

        // The same identifier again, for another entity and a new status: the entity it names stays, the status is the newer.
        await store.ApplyAsync(Links(new ExternalIdLink("lei", LeiA, b, "gleif2.csv", "ACTIVE/LAPSED", T0.AddDays(1))));
        var link = (await store.FindExternalIdAsync("lei", LeiA))!;
        Assert.Equal((a, "ACTIVE/LAPSED", T0.AddDays(1)), (link.EntityId, link.Status, link.Time));
        var all = new List<ExternalIdLink>();
        await foreach (var x in store.ReadExternalIdsAsync()) all.Add(x);
        Assert.Equal(2, all.Count);
    }

    [Fact]
    public async Task Two_entities_holding_different_leis_are_never_merged_by_an_accept_and_the_refusal_says_why()
    {
        await using var store = await CreateEmptyStoreAsync();
        var (a, b, proposal) = await ProposedPairAsync(store);
        await store.ApplyAsync(Links(new("lei", LeiA, a, "gleif.csv", "", T0), new("lei", LeiB, b, "gleif.csv", "", T0)));
        var refused = await Assert.ThrowsAsync<ReviewConflictException>(() =>
            store.RecordDecisionAsync(new ReviewDecisionRequest(proposal, ReviewDecisionStatus.Accepted, "ann", null, a, b)));
        Assert.Contains($"different LEIs ({LeiA}, {LeiB})", refused.Message);
        Assert.Equal(EntityStatus.Active, (await store.GetEntityAsync(b))!.Status);
        Assert.Equal(ProposalStatus.Pending, (await store.GetProposalAsync(proposal))!.Status);
    }

    [Fact]
    public async Task Decisions_recorded_together_merge_what_may_merge_and_a_refused_one_writes_nothing_and_says_why()
    {
        await using var store = await CreateEmptyStoreAsync();
        var (a, b, refusedProposal) = await ProposedPairAsync(store);
        var c = new IdMinter(2).Mint('L');
        var batch = Links(new("lei", LeiA, a, "gleif.csv", "", T0), new("lei", LeiB, b, "gleif.csv", "", T0));
        batch.NewEntities.Add(new EntityRecord(c, "legal_entity", "AKZO NOBEL COATINGS"));
        batch.NewVariants.Add(new VariantRecord(4, c, "legal_entity", "AKZO NOBEL COATINGS", "AKZO NOBEL COATINGS", "AKZONOBELCOATINGS", "", "NL", "", "in.csv", 5, "r5"));
        batch.NewProposals.Add(new ReviewProposal(0, a, c, 0.9, "p=0.9", ProposalStatus.Pending, T0));
        await store.ApplyAsync(batch);
        var merged = (await store.GetProposalsAsync(ProposalStatus.Pending)).Single(p => p.Id != refusedProposal).Id;

        var outcomes = await store.RecordDecisionsAsync([
            new ReviewDecisionRequest(refusedProposal, ReviewDecisionStatus.Accepted, "import", "a", a, b),
            new ReviewDecisionRequest(merged, ReviewDecisionStatus.Accepted, "import", "b", a, c),
        ]);
        Assert.Contains($"different LEIs ({LeiA}, {LeiB})", outcomes[0].Refusal);
        Assert.Null(outcomes[0].Decision);
        Assert.Null(outcomes[1].Refusal);
        Assert.Equal(a, outcomes[1].Decision!.SurvivorId);
        Assert.Equal((EntityStatus.Active, ProposalStatus.Pending), ((await store.GetEntityAsync(b))!.Status, (await store.GetProposalAsync(refusedProposal))!.Status));
        Assert.Equal(a, (await store.ResolveAsync(c))!.Id);
        Assert.Equal(3, (await store.GetVariantsOfEntityAsync(a)).Count);
        Assert.DoesNotContain(await EventsAsync(store, b), e => e.Type is RegistryEventType.Merged or RegistryEventType.Decided);
        Assert.Empty(await store.CheckReviewQueueAsync());
    }

    [Fact]
    public async Task An_lei_its_authority_retired_into_a_successor_merges_and_the_survivor_holds_both_until_the_undo()
    {
        await using var store = await CreateEmptyStoreAsync();
        var (a, b, proposal) = await ProposedPairAsync(store);
        await store.ApplyAsync(Links(new("lei", LeiA, a, "gleif.csv", "ACTIVE/ISSUED", T0),
            new("lei", LeiB, b, "gleif.csv", $"{ExternalIdStatus.SupersededBy}lei:{LeiA}", T0),
            new("orcid", "0000-0002-1825-0097", b, "in.csv", "", T0)));
        await store.RecordDecisionAsync(new ReviewDecisionRequest(proposal, ReviewDecisionStatus.Accepted, "import", null, a, b));
        Assert.Equal(new[] { "lei:" + LeiB, "lei:" + LeiA, "orcid:0000-0002-1825-0097" }.Order(), (await store.GetExternalIdsAsync(a)).Select(x => x.ToString()).Order());
        Assert.Equal(b, (await store.FindExternalIdAsync("orcid", "0000-0002-1825-0097"))!.EntityId); // linked to b, held through a
        await store.UndoLastDecisionAsync("import");
        Assert.Equal(["lei:" + LeiA], (await store.GetExternalIdsAsync(a)).Select(x => x.ToString()));
        Assert.Equal(2, (await store.GetExternalIdsAsync(b)).Count);
    }
}

/// <summary>The merge veto under concurrency: many deciders at once, none merges two holders of different LEIs.</summary>
public abstract partial class RegistryStoreContract
{
    [Fact]
    public async Task Fifty_concurrent_accepts_between_two_holders_of_different_leis_are_all_refused()
    {
        await using var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync(Batch(new IdMinter(1), out var a, out var b));
        var batch = Links(new("lei", LeiA, a, "gleif.csv", "", T0), new("lei", LeiB, b, "gleif.csv", "", T0));
        for (int i = 0; i < 50; i++)
            batch.NewProposals.Add(new ReviewProposal(0, i % 2 == 0 ? a : b, i % 2 == 0 ? b : a, 0.7 + i / 1000.0, $"p {i}", ProposalStatus.Pending, T0));
        await store.ApplyAsync(batch);
        var proposals = await store.GetProposalsAsync(ProposalStatus.Pending);
        var outcomes = await Task.WhenAll(proposals.Select(p => Task.Run(async () =>
        {
            var (survivor, absorbed) = p.Id % 2 == 0 ? (p.EntityA, p.EntityB) : (p.EntityB, p.EntityA);
            try
            {
                await store.RecordDecisionAsync(new ReviewDecisionRequest(p.Id, ReviewDecisionStatus.Accepted, "r" + p.Id, null, survivor, absorbed));
                return "merged";
            }
            catch (ReviewConflictException e) { return e.Message; }
        })));
        Assert.Equal(50, outcomes.Length);
        Assert.All(outcomes, o => Assert.Contains("different LEIs", o));
        Assert.Equal((EntityStatus.Active, EntityStatus.Active), ((await store.GetEntityAsync(a))!.Status, (await store.GetEntityAsync(b))!.Status));
        Assert.Equal(a, (await store.FindExternalIdAsync("lei", LeiA))!.EntityId);
        Assert.Equal(b, (await store.FindExternalIdAsync("lei", LeiB))!.EntityId);
    }
}
