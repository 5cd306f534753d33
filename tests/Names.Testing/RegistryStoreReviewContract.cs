using Names.Resolver.Identifiers;
using Names.Resolver.Review;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;

namespace Names.Testing;

/// <summary>The reviewers' decisions part of the store contract: atomic decide, undo, skips, entity facts.</summary>
public abstract partial class RegistryStoreContract
{
    private static async Task<(string A, string B, long Proposal)> ProposedPairAsync(IRegistryStore store)
    {
        await store.ApplyAsync(Batch(new IdMinter(1), out var a, out var b));
        var batch = new RegistryBatch();
        batch.NewProposals.Add(new ReviewProposal(0, b, a, 0.72, "p=0.72", ProposalStatus.Pending, T0));
        await store.ApplyAsync(batch);
        return (a, b, (await store.GetProposalsAsync(ProposalStatus.Pending)).Single().Id);
    }

    private static async Task<List<RegistryEvent>> EventsAsync(IRegistryStore store, string id)
    {
        var events = new List<RegistryEvent>();
        await foreach (var e in store.ReadEventsAsync(id)) events.Add(e);
        return events;
    }

    [Fact]
    public async Task Entity_facts_count_variants_and_know_which_entity_was_minted_first()
    {
        await using var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync(Batch(new IdMinter(1), out var a, out var b));
        var facts = (await store.GetEntityFactsAsync([b, a, "L0000000000000XX"])).ToDictionary(f => f.Id);
        Assert.Equal(2, facts.Count);
        Assert.Equal(2, facts[a].VariantCount);
        Assert.Equal(["NL"], facts[a].Countries);
        Assert.Equal(["in.csv"], facts[a].Sources);
        Assert.Equal((1, 0), (facts[b].VariantCount, facts[b].Countries.Count));
        Assert.True(facts[a].MintSeq < facts[b].MintSeq);
        Assert.Equal(T0, facts[a].Minted);
        Assert.Equal(a, SurvivorRule.Choose(facts[b], facts[a]).Survivor);
    }

    [Fact]
    public async Task An_accept_merges_and_its_undo_gives_the_absorbed_id_back_exactly_its_variants()
    {
        await using var store = await CreateEmptyStoreAsync();
        var (a, b, proposal) = await ProposedPairAsync(store);
        var decision = await store.RecordDecisionAsync(new ReviewDecisionRequest(proposal, ReviewDecisionStatus.Accepted, "ann", "same firm", a, b));
        Assert.Equal((ReviewDecisionStatus.Accepted, a, "same firm"), (decision.Status, decision.SurvivorId, decision.Comment));
        Assert.Equal(a, (await store.ResolveAsync(b))!.Id);
        Assert.Equal([1L, 2L, 3L], (await store.GetVariantsOfEntityAsync(a)).Select(v => v.Id));
        Assert.Equal(ProposalStatus.Accepted, (await store.GetProposalAsync(proposal))!.Status);
        Assert.Contains(await EventsAsync(store, b), e => e.Type == RegistryEventType.Decided && e.Actor == "ann" && e.Detail.Contains("same firm"));

        // Someone else's undo does not touch ann's decision.
        Assert.Null(await store.UndoLastDecisionAsync("bob"));
        var undone = await store.UndoLastDecisionAsync("ann");
        Assert.Equal((proposal, ReviewDecisionStatus.Undone), (undone!.ProposalId, undone.Status));
        Assert.Equal(EntityStatus.Active, (await store.GetEntityAsync(b))!.Status);
        Assert.Equal([3L], (await store.GetVariantsOfEntityAsync(b)).Select(v => v.Id));
        Assert.Equal([1L, 2L], (await store.GetVariantsOfEntityAsync(a)).Select(v => v.Id));
        Assert.Equal(ProposalStatus.Pending, (await store.GetProposalAsync(proposal))!.Status);
        Assert.Contains(await EventsAsync(store, b), e => e.Type == RegistryEventType.Undone && e.Actor == "ann");
        Assert.Null(await store.UndoLastDecisionAsync("ann")); // nothing left to undo
    }

    [Fact]
    public async Task A_reject_adds_a_cannot_link_that_its_undo_removes_but_an_older_one_stays()
    {
        await using var store = await CreateEmptyStoreAsync();
        var (a, b, proposal) = await ProposedPairAsync(store);
        await store.RecordDecisionAsync(new ReviewDecisionRequest(proposal, ReviewDecisionStatus.Rejected, "ann", null, LinkA: b, LinkB: a));
        var pair = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
        Assert.Equal([pair], await store.GetCannotLinksAsync());
        await store.UndoLastDecisionAsync("ann", proposal);
        Assert.Empty(await store.GetCannotLinksAsync());
        Assert.Equal(ProposalStatus.Pending, (await store.GetProposalAsync(proposal))!.Status);

        // A cannot-link that existed before the decision is not the decision's to remove.
        await store.AddCannotLinkAsync(a, b, "earlier", "known different");
        await store.RecordDecisionAsync(new ReviewDecisionRequest(proposal, ReviewDecisionStatus.Rejected, "ann", null, LinkA: a, LinkB: b));
        await store.UndoLastDecisionAsync("ann");
        Assert.Equal([pair], await store.GetCannotLinksAsync());
    }

    [Fact]
    public async Task A_skip_is_per_reviewer_and_leaves_the_proposal_pending()
    {
        await using var store = await CreateEmptyStoreAsync();
        var (_, _, proposal) = await ProposedPairAsync(store);
        await store.RecordDecisionAsync(new ReviewDecisionRequest(proposal, ReviewDecisionStatus.Skipped, "ann", null));
        async Task<IEnumerable<long>> NextFor(string reviewer) =>
            (await store.GetPendingProposalsAsync(new PendingProposalQuery(0.7, NotSkippedBy: reviewer), 0, 10)).Select(p => p.Id);
        Assert.Empty(await NextFor("ann"));
        Assert.Equal([proposal], await NextFor("bob"));
        Assert.Equal(ProposalStatus.Pending, (await store.GetProposalAsync(proposal))!.Status);
        await store.UndoLastDecisionAsync("ann");
        Assert.Equal([proposal], await NextFor("ann"));
    }

    [Fact]
    public async Task Only_a_pending_proposal_takes_a_new_score()
    {
        await using var store = await CreateEmptyStoreAsync();
        var (a, b, proposal) = await ProposedPairAsync(store);
        Assert.True(await store.RescoreProposalAsync(proposal, 0.61, "p=0.61 (new model)"));
        Assert.Equal((0.61, "p=0.61 (new model)"), ((await store.GetProposalAsync(proposal))!.Score, (await store.GetProposalAsync(proposal))!.Explanation));
        await store.RecordDecisionAsync(new ReviewDecisionRequest(proposal, ReviewDecisionStatus.Rejected, "ann", null, LinkA: a, LinkB: b));
        Assert.False(await store.RescoreProposalAsync(proposal, 0.99, "late"));
        Assert.Equal(0.61, (await store.GetProposalAsync(proposal))!.Score);
    }

    [Fact]
    public async Task A_proposal_keeps_the_contributions_of_its_score_and_a_rescore_replaces_them()
    {
        await using var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync(Batch(new IdMinter(1), out var a, out var b));
        FeatureContribution[] proposed = [new("name_similarity", 3, "jaro-winkler >= 0.92", 4.25), new("country", 1, "different", -1.5), new("legal_form", -1, "missing", 0)];
        var batch = new RegistryBatch();
        batch.NewProposals.Add(new ReviewProposal(0, a, b, 0.66, "p=0.660", ProposalStatus.Pending, T0, Contributions: proposed));
        batch.NewProposals.Add(new ReviewProposal(0, b, a, 0.72, "p=0.720 (kept nothing)", ProposalStatus.Pending, T0));
        await store.ApplyAsync(batch);
        var stored = (await store.GetProposalsAsync(null)).OrderBy(p => p.Id).ToList();
        Assert.Equal(proposed, stored[0].Contributions);
        Assert.Null(stored[1].Contributions);
        Assert.Equal(proposed, (await store.GetProposalAsync(stored[0].Id))!.Contributions);
        var page = await store.GetPendingProposalsAsync(new PendingProposalQuery(0.7), 0, 10);
        Assert.Equal(proposed, page.Single(p => p.Id == stored[0].Id).Contributions);

        FeatureContribution[] rescored = [new("name_similarity", 2, "jaro-winkler >= 0.88", 2.0)];
        Assert.True(await store.RescoreProposalAsync(stored[0].Id, 0.61, "p=0.610 (new model)", rescored));
        Assert.Equal(rescored, (await store.GetProposalAsync(stored[0].Id))!.Contributions);
    }

    [Fact]
    public async Task A_decided_proposal_conflicts_and_undo_of_another_proposal_is_refused()
    {
        await using var store = await CreateEmptyStoreAsync();
        var (a, b, proposal) = await ProposedPairAsync(store);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.RecordDecisionAsync(new ReviewDecisionRequest(proposal + 99, ReviewDecisionStatus.Rejected, "ann", null)));
        await store.RecordDecisionAsync(new ReviewDecisionRequest(proposal, ReviewDecisionStatus.Rejected, "ann", null, LinkA: a, LinkB: b));
        await Assert.ThrowsAsync<ReviewConflictException>(() => store.RecordDecisionAsync(new ReviewDecisionRequest(proposal, ReviewDecisionStatus.Accepted, "bob", null, a, b)));
        await Assert.ThrowsAsync<ReviewConflictException>(() => store.UndoLastDecisionAsync("ann", proposal + 1));
        Assert.Equal(ProposalStatus.Rejected, (await store.GetProposalAsync(proposal))!.Status);
    }

    [Fact]
    public async Task Two_reviewers_deciding_one_proposal_at_once_one_wins_and_the_other_conflicts()
    {
        await using var store = await CreateEmptyStoreAsync();
        var (a, b, proposal) = await ProposedPairAsync(store);
        var accept = Task.Run(() => store.RecordDecisionAsync(new ReviewDecisionRequest(proposal, ReviewDecisionStatus.Accepted, "ann", null, a, b)));
        var reject = Task.Run(() => store.RecordDecisionAsync(new ReviewDecisionRequest(proposal, ReviewDecisionStatus.Rejected, "bob", null, LinkA: a, LinkB: b)));
        var outcomes = await Task.WhenAll(Outcome(accept), Outcome(reject));
        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is ReviewConflictException);
        var merged = (await store.GetEntityAsync(b))!.Status == EntityStatus.Absorbed;
        var linked = (await store.GetCannotLinksAsync()).Count == 1;
        Assert.True(merged != linked, "exactly one decision took effect");
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try { await task; return null; }
        catch (Exception e) { return e; }
    }
}
