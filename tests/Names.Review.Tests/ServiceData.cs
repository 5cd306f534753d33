using Names.Resolver.Scoring;
using Names.Resolver.Service;
using Names.Resolver.Storage;
using Names.Testing;

namespace Names.Review.Tests;

/// <summary>Registry content for the page tests: entities made through the resolve API, proposals put straight in the store.</summary>
public static class ServiceData
{
    public static async Task<string> ResolveIdAsync(this ServiceFactory service, string name, string? country = null, string? source = null, string? kind = null) =>
        (await (await service.ClientFor(ApiRole.Filer).ResolveAsync(new { name, country, source, kind })).ReadJsonAsync()).GetProperty("id").GetString()!;

    /// <summary>A pending proposal between two entities (score 0.7), as a resolve run would leave it; returns its id.</summary>
    public static async Task<long> ProposeAsync(this ServiceFactory service, string a, string b, string explanation = "p=0.700: test",
        IReadOnlyList<FeatureContribution>? contributions = null)
    {
        var batch = new RegistryBatch();
        batch.NewProposals.Add(new ReviewProposal(0, a, b, 0.7, explanation, ProposalStatus.Pending, DateTimeOffset.UtcNow, Contributions: contributions));
        await service.Runtime.ReviewStore.ApplyAsync(batch);
        return (await service.Runtime.ReviewStore.GetProposalsAsync(ProposalStatus.Pending)).Where(p => p.EntityA == a && p.EntityB == b).Max(p => p.Id);
    }
}
