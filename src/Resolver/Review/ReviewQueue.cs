using System.Globalization;
using Names.Normalization;
using Names.Resolver.Identifiers;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;
using Names.Resolver.Service;
using Names.Resolver.Storage;

namespace Names.Resolver.Review;

/// <summary>
/// The analysts' review queue over the registry, shared by the HTTP service and <c>names review</c>: pending proposals
/// most informative first (<see cref="ReviewOrder"/>: score closest to the middle of the review band, larger entities
/// first on ties; the next one asked is on a seeded share of turns drawn at random), filtered;
/// a proposal's detail (both entities, the per-feature contributions, the nearest other entities); decisions (accept
/// merges with the older id surviving, reject records a cannot-link, skip hides a proposal from one reviewer only),
/// undo of a reviewer's own last decision, split, entity search. Every decision is recorded by the store atomically
/// with its effect, so two reviewers deciding one proposal cannot both win (<see cref="ReviewConflictException"/>).
/// Pair scores (a proposal's detail, re-scoring) need <paramref name="scoring"/>, the nearest other entities
/// <paramref name="nearest"/>: <c>names review</c> opens the queue on the registry without either.
/// </summary>
public sealed class ReviewQueue(IRegistryStore store, IOnlineRegistry registry, ResolutionOptions options, PairScoring? scoring = null,
    IEntityLookup? nearest = null)
{
    /// <summary>The service's queue: scores and nearest entities from its resolver.</summary>
    public ReviewQueue(IRegistryStore store, IOnlineRegistry registry, OnlineResolver resolver)
        : this(store, registry, resolver.Options, resolver.Scoring, resolver)
    {
    }

    /// <summary>Lock under which split ids are minted (any key works: minting itself is serialised by the sequence row).</summary>
    private const string MintLock = "review:mint";
    private const int MaxVariantsCompared = 25;
    private const int NearestOthersShown = 5;
    private const int ExampleRecordsShown = 5;

    /// <summary>The queue's order (<see cref="ReviewOrder"/>): least certain first, a seeded share of random turns.</summary>
    public ReviewOrder Order { get; } = ReviewOrder.For(options);

    /// <summary>The score a proposal is least certain at: the middle of the resolver's review band.</summary>
    public double DecisionBoundary => Order.Boundary;

    /// <summary>Pending proposals passing the filter, rows [offset, offset + limit) in queue order, and how many pass it in all.</summary>
    public async Task<(IReadOnlyList<ReviewProposal> Items, int Total)> PendingAsync(ProposalFilter filter, int offset, int limit, CancellationToken ct = default)
    {
        var query = PendingProposalQuery.From(filter, DecisionBoundary);
        return (await store.GetPendingProposalsAsync(query, offset, limit, ct), await store.CountPendingProposalsAsync(query, ct));
    }

    /// <summary>How many pending proposals pass the filter (skipped ones included: they are pending for everyone).</summary>
    public Task<int> CountPendingAsync(ProposalFilter filter, CancellationToken ct = default) =>
        store.CountPendingProposalsAsync(PendingProposalQuery.From(filter, DecisionBoundary), ct);

    /// <summary>
    /// The pending proposal the reviewer (who has not skipped it) decides next: the first in queue order, or on a random
    /// turn of <see cref="Order"/> the one at the drawn position; null when none is left.
    /// </summary>
    public async Task<ProposalDetail?> NextAsync(ProposalFilter filter, string reviewer, CancellationToken ct = default)
    {
        var query = PendingProposalQuery.From(filter, DecisionBoundary, reviewer);
        var offset = Order.RandomShare > 0 && Order.RandomPick(await store.CountPendingProposalsAsync(query, ct)) is { } drawn ? (int)drawn : 0;
        var next = (await store.GetPendingProposalsAsync(query, offset, 1, ct)).FirstOrDefault();
        // The count includes what this reviewer skipped: a draw past the proposals left for them takes the first.
        if (next is null && offset > 0) next = (await store.GetPendingProposalsAsync(query, 0, 1, ct)).FirstOrDefault();
        return next is null ? null : await DetailAsync(next, ct);
    }

    /// <summary>Any proposal (pending or decided) with both entities as they are now. KeyNotFoundException: no such proposal.</summary>
    public async Task<ProposalDetail> GetDetailAsync(long proposalId, CancellationToken ct = default) =>
        await DetailAsync(await store.GetProposalAsync(proposalId, ct) ?? throw new KeyNotFoundException($"no proposal {proposalId}"), ct);

    /// <summary>
    /// Merges the proposal's two entities: the older id survives, the other keeps resolving to it. When both already
    /// resolve to one entity the decision is only recorded.
    /// </summary>
    public async Task<ReviewDecision> AcceptAsync(long proposalId, string actor, string? comment, CancellationToken ct = default)
    {
        var (a, b) = await CurrentPairAsync(proposalId, ct);
        if (a.Id == b.Id) return await store.RecordDecisionAsync(new ReviewDecisionRequest(proposalId, ReviewDecisionStatus.Accepted, actor, comment), ct);
        var (survivor, absorbed) = SurvivorRule.Choose(a, b);
        return await store.RecordDecisionAsync(new ReviewDecisionRequest(proposalId, ReviewDecisionStatus.Accepted, actor, comment, survivor, absorbed), ct);
    }

    /// <summary>Records that the two entities differ (a cannot-link every later run and the service honour).</summary>
    public async Task<ReviewDecision> RejectAsync(long proposalId, string actor, string? comment, CancellationToken ct = default)
    {
        var (a, b) = await CurrentPairAsync(proposalId, ct);
        if (a.Id == b.Id) throw new ReviewConflictException($"both sides of proposal {proposalId} are already one entity ({a.Id}); split it instead");
        return await store.RecordDecisionAsync(new ReviewDecisionRequest(proposalId, ReviewDecisionStatus.Rejected, actor, comment, LinkA: a.Id, LinkB: b.Id), ct);
    }

    /// <summary>Hides the proposal from this reviewer's <see cref="NextAsync"/>; it stays pending for everyone.</summary>
    public Task<ReviewDecision> SkipAsync(long proposalId, string actor, CancellationToken ct = default) =>
        store.RecordDecisionAsync(new ReviewDecisionRequest(proposalId, ReviewDecisionStatus.Skipped, actor, null), ct);

    /// <summary>Takes back the actor's own latest decision (see <see cref="IRegistryStore.UndoLastDecisionAsync"/>); null: nothing to undo.</summary>
    public Task<ReviewDecision?> UndoAsync(string actor, CancellationToken ct = default) => store.UndoLastDecisionAsync(actor, null, null, ct);

    /// <summary>
    /// As <see cref="UndoAsync(string, CancellationToken)"/>, with a comment; with <paramref name="proposalId"/> the
    /// latest decision must be about that proposal (else <see cref="ReviewConflictException"/>), so a stale page
    /// cannot undo something else.
    /// </summary>
    public Task<ReviewDecision?> UndoAsync(string actor, long? proposalId, string? comment, CancellationToken ct = default) =>
        store.UndoLastDecisionAsync(actor, proposalId, comment, ct);

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

    /// <summary>Entities whose variant names match the text (full-text trigram search), best first, each once (absorbed ids followed).</summary>
    public async Task<IReadOnlyList<EntitySummary>> SearchEntitiesAsync(string text, int limit, CancellationToken ct = default)
    {
        var ids = new List<string>();
        foreach (var v in await store.SearchNamesAsync(text, Math.Max(limit * 4, 20), ct))
        {
            var id = (await store.ResolveAsync(v.EntityId, ct))?.Id;
            if (id is not null && !ids.Contains(id)) ids.Add(id);
            if (ids.Count == limit) break;
        }
        var result = new List<EntitySummary>(ids.Count);
        foreach (var id in ids) result.Add(await GetEntityAsync(id, ct));
        return result;
    }

    /// <summary>The entity as stored (an absorbed id answers with its own record: status absorbed, its survivor, no variants). KeyNotFoundException: never issued.</summary>
    public async Task<EntitySummary> GetEntityAsync(string id, CancellationToken ct = default)
    {
        var facts = (await store.GetEntityFactsAsync([id], ct)).FirstOrDefault() ?? throw new KeyNotFoundException($"no entity {id}");
        var variants = await store.GetVariantsOfEntityAsync(id, ct);
        var examples = variants.Take(ExampleRecordsShown).Select(Example).ToList();
        return new EntitySummary(facts.Id, facts.Kind, facts.Status, facts.SurvivorId, facts.CanonicalName, variants, facts.Countries,
            facts.VariantCount, facts.Sources, examples, facts.Minted, await store.GetExternalIdsAsync(id, ct));
    }

    private static string Example(VariantRecord v)
    {
        var where = v.SourceFile.Length == 0 ? "" : v.SourceRow > 0 ? string.Create(CultureInfo.InvariantCulture, $"{v.SourceFile}:{v.SourceRow} ") : v.SourceFile + " ";
        var record = v.SourceRecordId.Length == 0 ? "" : $"[{v.SourceRecordId}] ";
        var country = v.Country.Length == 0 ? "" : $" ({v.Country})";
        return where + record + v.DisplayName + country;
    }

    private async Task<ProposalDetail> DetailAsync(ReviewProposal proposal, CancellationToken ct)
    {
        var (factsA, factsB) = await CurrentPairAsync(proposal, ct);
        var a = await GetEntityAsync(factsA.Id, ct);
        var b = await GetEntityAsync(factsB.Id, ct);
        var best = BestPair(a, b);
        var others = new List<EntityCandidate>();
        var country = a.Countries.Count > 0 ? a.Countries[0] : null;
        if (nearest is not null)
            foreach (var party in await nearest.LookupAsync(new NameInput(a.CanonicalName, country, a.Kind), NearestOthersShown + 2, ct))
                others.AddRange(party.Candidates.Where(c => c.EntityId != a.Id && c.EntityId != b.Id && others.All(n => n.EntityId != c.EntityId)));
        return new ProposalDetail(proposal, a, b, best?.Contributions ?? [], others.Take(NearestOthersShown).ToList(), best?.Probability);
    }

    /// <summary>The pair of variants the current model finds most alike: it explains the proposal best. Null when a side has no variant (or no scoring).</summary>
    private PairScore? BestPair(EntitySummary a, EntitySummary b)
    {
        PairScore? best = null;
        if (scoring is null) return null;
        foreach (var va in a.Variants.Take(MaxVariantsCompared))
        foreach (var vb in b.Variants.Take(MaxVariantsCompared))
        {
            var score = scoring.Score(va, vb);
            if (best is null || score.Probability > best.Probability) best = score;
        }
        return best;
    }

    /// <summary>
    /// Re-scores every pending proposal with the scoring's model (after <c>names train</c> stored a new one): a pair now
    /// at or above the upper threshold is accepted (merged), one below the lower threshold rejected (cannot-link), both
    /// recorded with <paramref name="actor"/> (the model's version); the others stay pending with their new score.
    /// </summary>
    public async Task<RescoreOutcome> RescorePendingAsync(string actor, CancellationToken ct = default)
    {
        if (scoring is null) throw new InvalidOperationException("re-scoring needs the queue opened with pair scoring");
        int rescored = 0, accepted = 0, rejected = 0, refused = 0;
        foreach (var p in await store.GetProposalsAsync(ProposalStatus.Pending, ct))
        {
            var (factsA, factsB) = await CurrentPairAsync(p, ct);
            if (factsA.Id == factsB.Id) continue; // already one entity: a reviewer closes it
            var best = BestPair(await GetEntityAsync(factsA.Id, ct), await GetEntityAsync(factsB.Id, ct));
            if (best is null) continue;
            rescored++;
            var comment = string.Create(CultureInfo.InvariantCulture, $"re-scored p={best.Probability:0.000}");
            try
            {
                if (best.Probability >= options.UpperThreshold) { await AcceptAsync(p.Id, actor, comment, ct); accepted++; }
                else if (best.Probability < options.LowerThreshold) { await RejectAsync(p.Id, actor, comment, ct); rejected++; }
                else await store.RescoreProposalAsync(p.Id, Math.Round(best.Probability, 4), best.Explain(), best.Contributions, ct);
            }
            catch (ReviewConflictException)
            {
                refused++; // decided meanwhile, or a cannot-link forbids the merge: left to reviewers
            }
        }
        return new RescoreOutcome(rescored, accepted, rejected, rescored - accepted - rejected - refused, refused);
    }

    private async Task<(EntityFacts A, EntityFacts B)> CurrentPairAsync(long proposalId, CancellationToken ct) =>
        await CurrentPairAsync(await store.GetProposalAsync(proposalId, ct) ?? throw new KeyNotFoundException($"no proposal {proposalId}"), ct);

    /// <summary>The proposal's two entities as they are now (absorbed ids followed to their survivors).</summary>
    private async Task<(EntityFacts A, EntityFacts B)> CurrentPairAsync(ReviewProposal proposal, CancellationToken ct)
    {
        var a = await store.ResolveAsync(proposal.EntityA, ct) ?? throw new KeyNotFoundException(proposal.EntityA);
        var b = await store.ResolveAsync(proposal.EntityB, ct) ?? throw new KeyNotFoundException(proposal.EntityB);
        var facts = (await store.GetEntityFactsAsync([a.Id, b.Id], ct)).ToDictionary(f => f.Id, StringComparer.Ordinal);
        return (facts[a.Id], facts[b.Id]);
    }
}
