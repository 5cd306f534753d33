using Names.Resolver.Resolution;
using Names.Resolver.Storage;

namespace Names.Resolver.Review;

/// <summary>
/// What a reviewer's decision and its undo do to the registry, written once for every store: the checks (the
/// proposal still pending, both entities active, no cannot-link between them), the effect (merge, cannot-link, or
/// nothing for a skip), the decision row that remembers how to revert it, and the events naming both entities. A store
/// runs it inside one transaction under its write lock and supplies only the SQL (<see cref="IReviewDecisionSql"/>).
/// </summary>
internal static class ReviewDecisionPlan
{
    /// <summary>See <see cref="IRegistryStore.RecordDecisionAsync"/>.</summary>
    public static async Task<ReviewDecision> DecideAsync(IReviewDecisionSql sql, ReviewDecisionRequest q, CancellationToken ct)
    {
        var (a, b, status) = await sql.LockProposalAsync(q.ProposalId, ct) ?? throw new KeyNotFoundException($"no proposal {q.ProposalId}");
        if (status != ProposalStatus.Pending) throw new ReviewConflictException($"proposal {q.ProposalId} is already {status}");
        var now = DateTimeOffset.UtcNow;
        var detail = $"proposal {q.ProposalId} {q.Status}" + (string.IsNullOrEmpty(q.Comment) ? "" : ": " + q.Comment);
        var events = new List<RegistryEvent>();
        IReadOnlyList<long> moved = [];
        string? linkA = null, linkB = null, survivor = null, absorbed = null;
        switch (q.Status)
        {
            case ReviewDecisionStatus.Accepted:
                if (q.SurvivorId is not null && q.AbsorbedId is not null)
                {
                    (survivor, absorbed) = (q.SurvivorId, q.AbsorbedId);
                    var active = await sql.LockActiveEntitiesAsync([survivor, absorbed], ct);
                    foreach (var id in new[] { survivor, absorbed })
                        if (!active.Contains(id)) throw new ReviewConflictException($"{id} is not an active entity any more");
                    var (first, second) = RegistryState.Pair(survivor, absorbed);
                    if (await sql.CannotLinkExistsAsync(first, second, ct))
                        throw new ReviewConflictException($"{survivor} and {absorbed} carry a cannot-link decision");
                    if (await sql.ExternalIdConflictAsync(survivor, absorbed, ct) is { } differ)
                        throw new ReviewConflictException($"{survivor} and {absorbed} hold {differ}: they are different parties and are never merged");
                    moved = await sql.MoveAllVariantsAsync(absorbed, survivor, ct);
                    await sql.MarkAbsorbedAsync(absorbed, survivor, ct);
                    events.Add(new RegistryEvent(RegistryEventType.Merged, survivor, absorbed, q.Actor, detail, now));
                }
                break;
            case ReviewDecisionStatus.Rejected:
                var link = RegistryState.Pair(q.LinkA ?? a, q.LinkB ?? b);
                // Only a cannot-link this decision added is its to remove on undo; an older one stays.
                if (await sql.AddCannotLinkAsync(link.Item1, link.Item2, q.Actor, detail, now, ct)) (linkA, linkB) = link;
                detail = "cannot-link: " + detail;
                break;
            case ReviewDecisionStatus.Skipped:
                break; // per reviewer: the proposal stays pending for everyone
            default:
                throw new ArgumentException("not a decision: " + q.Status);
        }
        if (q.Status != ReviewDecisionStatus.Skipped) await sql.MarkProposalDecidedAsync(q.ProposalId, q.Status, q.Actor, now, ct);
        events.Add(new RegistryEvent(RegistryEventType.Decided, a, b, q.Actor, detail, now));
        await sql.InsertDecisionAsync(new ReviewDecisionRow(0, q.ProposalId, q.Status, q.Actor, now, q.Comment, survivor, absorbed, moved, linkA, linkB), ct);
        if (absorbed is not null) await sql.RefreshReviewQueueAsync([], ct); // the proposals naming the absorbed id now name the survivor
        await sql.AddEventsAsync(events, ct); // last: PostgreSQL takes the event-order lock there (PostgresCommands.LockEventOrderAsync)
        return new ReviewDecision(q.ProposalId, q.Status, q.Actor, now, q.Comment, q.Status == ReviewDecisionStatus.Accepted ? survivor ?? a : null);
    }

    /// <summary>
    /// See <see cref="IRegistryStore.RecordDecisionsAsync"/>: a refused decision wrote nothing, since every check of
    /// <see cref="DecideAsync"/> comes before its first write.
    /// </summary>
    public static async Task<IReadOnlyList<ReviewDecisionOutcome>> DecideAllAsync(IReviewDecisionSql sql, IReadOnlyList<ReviewDecisionRequest> requests,
        CancellationToken ct)
    {
        var outcomes = new List<ReviewDecisionOutcome>(requests.Count);
        foreach (var q in requests)
        {
            try { outcomes.Add(new ReviewDecisionOutcome(q, await DecideAsync(sql, q, ct), null)); }
            catch (ReviewConflictException e) { outcomes.Add(new ReviewDecisionOutcome(q, null, e.Message)); }
        }
        return outcomes;
    }

    /// <summary>See <see cref="IRegistryStore.UndoLastDecisionAsync"/>; null when the actor has nothing to undo.</summary>
    public static async Task<ReviewDecision?> UndoLastAsync(IReviewDecisionSql sql, string actor, long? proposalId, string? comment, CancellationToken ct)
    {
        if (await sql.LockLatestUndoableDecisionAsync(actor, ct) is not { } last) return null;
        var decided = last.ProposalId;
        if (proposalId is not null && proposalId != decided)
            throw new ReviewConflictException($"your last decision is about proposal {decided}, not {proposalId}: undo goes back one decision at a time");
        var (a, b, _) = await sql.LockProposalAsync(decided, ct) ?? throw new KeyNotFoundException($"no proposal {decided}");
        var now = DateTimeOffset.UtcNow;
        var events = new List<RegistryEvent>();
        var followAgain = new List<string>();
        if (last is { SurvivorId: { } survivor, AbsorbedId: { } absorbed })
        {
            // A later merge or split of the absorbed id would make the un-merge wrong: refuse rather than guess.
            if (await sql.LockSurvivorOfAbsorbedAsync(absorbed, ct) != survivor)
                throw new ReviewConflictException($"{absorbed} is no longer absorbed into {survivor}; the merge cannot be undone");
            var moved = last.MovedVariants ?? [];
            await sql.MoveVariantsAsync(moved, absorbed, ct);
            await sql.MarkActiveAsync(absorbed, ct);
            followAgain.Add(survivor); // proposals naming the absorbed id (or ids it absorbed) name it again, not the survivor
            events.Add(new RegistryEvent(RegistryEventType.Undone, survivor, absorbed, actor, $"proposal {decided}: merge undone, {moved.Count} variants back to {absorbed}", now));
        }
        if (last is { LinkA: { } linkA, LinkB: { } linkB }) await sql.RemoveCannotLinkAsync(linkA, linkB, ct);
        if (last.Status != ReviewDecisionStatus.Skipped) await sql.MarkProposalPendingAsync(decided, ct);
        events.Add(new RegistryEvent(RegistryEventType.Undone, a, b, actor, $"proposal {decided}: {last.Status} undone" + (string.IsNullOrEmpty(comment) ? "" : ": " + comment), now));
        var undoId = await sql.InsertDecisionAsync(new ReviewDecisionRow(0, decided, ReviewDecisionStatus.Undone, actor, now, comment), ct);
        await sql.MarkDecisionUndoneAsync(last.Id, undoId, ct);
        await sql.RefreshReviewQueueAsync(followAgain, ct); // and the proposal, pending again, is back in the queue
        await sql.AddEventsAsync(events, ct); // last, as above
        return new ReviewDecision(decided, ReviewDecisionStatus.Undone, actor, now, comment, null);
    }
}
