using Names.Resolver.Identifiers;
using Names.Resolver.Storage;

namespace Names.Resolver.Service;

/// <summary>
/// Reviewers' decisions for the service, straight on the stores (no in-memory registry), with the rules of the bulk
/// engine's review operations: accepting a proposal merges the two entities (the ordinally smaller id survives, the
/// other resolves to it), rejecting records a cannot-link, a split mints a new id (from the shared sequence, under
/// the database lock) for the variants that leave and records a cannot-link between the two parts.
/// </summary>
public sealed class OnlineReview(IRegistryStore store, IOnlineRegistry registry)
{
    /// <summary>Lock under which split ids are minted (any key works: minting itself is serialised by the sequence row).</summary>
    private const string MintLock = "review:mint";

    /// <summary>Pending proposals, most informative (score nearest 0.5) first, and how many there are.</summary>
    public async Task<(IReadOnlyList<ReviewProposal> Items, int Total)> PendingAsync(int offset, int limit, CancellationToken ct = default)
    {
        var all = await store.GetProposalsAsync(ProposalStatus.Pending, ct);
        return (all.Skip(offset).Take(limit).ToList(), all.Count);
    }

    /// <summary>Merges the proposal's entities; returns the survivor. KeyNotFoundException: no such pending proposal; InvalidOperationException: a cannot-link forbids it.</summary>
    public async Task<string> AcceptAsync(long proposalId, string actor, CancellationToken ct = default)
    {
        var proposal = await PendingAsync(proposalId, ct);
        var a = await store.ResolveAsync(proposal.EntityA, ct) ?? throw new KeyNotFoundException(proposal.EntityA);
        var b = await store.ResolveAsync(proposal.EntityB, ct) ?? throw new KeyNotFoundException(proposal.EntityB);
        if (a.Id != b.Id && (await store.GetCannotLinksAsync(ct)).Contains(Pair(a.Id, b.Id)))
            throw new InvalidOperationException($"{a.Id} and {b.Id} carry a cannot-link decision");
        await store.DecideProposalAsync(proposalId, ProposalStatus.Accepted, actor, ct);
        if (a.Id == b.Id) return a.Id;
        var (survivor, absorbed) = string.CompareOrdinal(a.Id, b.Id) <= 0 ? (a.Id, b.Id) : (b.Id, a.Id);
        await store.MergeAsync(survivor, absorbed, actor, $"proposal {proposalId} accepted", ct);
        return survivor;
    }

    public async Task RejectAsync(long proposalId, string actor, CancellationToken ct = default)
    {
        var proposal = await PendingAsync(proposalId, ct);
        await store.DecideProposalAsync(proposalId, ProposalStatus.Rejected, actor, ct);
        await store.AddCannotLinkAsync(proposal.EntityA, proposal.EntityB, actor, $"proposal {proposalId} rejected", ct);
    }

    /// <summary>Moves the given variants of an active entity to a new entity; returns the new id. ArgumentException: not some-but-not-all of its variants.</summary>
    public async Task<string> SplitAsync(string entityId, IReadOnlyCollection<long> variantIds, string actor, string reason, CancellationToken ct = default)
    {
        var entity = await store.GetEntityAsync(entityId, ct) ?? throw new KeyNotFoundException(entityId);
        if (entity.Status != EntityStatus.Active) throw new InvalidOperationException($"{entityId} is not active (absorbed into {entity.SurvivorId})");
        var variants = await store.GetVariantsOfEntityAsync(entityId, ct);
        var leaving = variants.Where(v => variantIds.Contains(v.Id)).ToList();
        if (leaving.Count != variantIds.Count) throw new ArgumentException("every variant to split off must belong to the entity");
        if (leaving.Count == 0 || leaving.Count == variants.Count) throw new ArgumentException("a split must move some but not all variants");
        var prefix = entity.Kind == "person" ? GlobalId.PersonPrefix : GlobalId.LegalEntityPrefix;
        // The id is taken from the shared sequence in its own transaction: should the split then fail, the id is never
        // issued, which is allowed (ids are never re-issued, gaps are fine).
        var newId = await registry.WriteLockedAsync(MintLock, s => s.MintIdAsync(prefix, ct), ct);
        await store.SplitAsync(entityId, leaving.Select(v => v.Id).ToList(), new EntityRecord(newId, entity.Kind, leaving[0].DisplayName), actor, reason, ct);
        await store.AddCannotLinkAsync(entityId, newId, actor, "split: " + reason, ct);
        return newId;
    }

    private async Task<ReviewProposal> PendingAsync(long proposalId, CancellationToken ct) =>
        (await store.GetProposalsAsync(ProposalStatus.Pending, ct)).FirstOrDefault(p => p.Id == proposalId)
        ?? throw new KeyNotFoundException($"no pending proposal {proposalId}");

    private static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
}
