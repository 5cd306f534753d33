using Names.Resolver.Review;
using Names.Resolver.Storage;

namespace Names.Testing;

/// <summary>Merges two entities the way the registry merges them: a reviewer accepts a proposal for the pair.</summary>
public static class ReviewedMerge
{
    public static async Task<ReviewDecision> MergeAsync(IRegistryStore store, string survivor, string absorbed, string actor = "analyst")
    {
        var batch = new RegistryBatch();
        batch.NewProposals.Add(new ReviewProposal(0, survivor, absorbed, 0.8, "merged in a test", ProposalStatus.Pending, DateTimeOffset.UtcNow));
        await store.ApplyAsync(batch);
        var proposal = (await store.GetProposalsAsync(null)).Max(p => p.Id);
        return await store.RecordDecisionAsync(new ReviewDecisionRequest(proposal, ReviewDecisionStatus.Accepted, actor, null, survivor, absorbed));
    }
}
