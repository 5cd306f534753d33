using Names.Normalization;

namespace Names.Resolver.Resolution;

/// <summary>
/// The decision rules for a new name, shared by the bulk <see cref="ResolutionEngine"/> and the service's
/// <c>OnlineResolver</c> so that they cannot drift: never a person with a legal entity (<see cref="KindsCompatible"/>,
/// applied where candidates are gathered); anti-chaining (<see cref="Agrees"/>: an entity whose compared members
/// clearly differ too often is not linked); link at or above the upper threshold, propose for review between the
/// thresholds, new entity below (<see cref="Decide{T}"/>). Existing entities are never merged: another entity at the
/// upper threshold becomes a proposal. Cannot-links are honoured where proposals are written (each path checks its
/// own view of them).
/// </summary>
public sealed class LinkDecisionRule(ResolutionOptions options)
{
    /// <summary>Whether a name of kind <paramref name="a"/> may be compared with an entity of kind <paramref name="b"/> (unknown goes with both).</summary>
    public static bool KindsCompatible(EntityKind a, EntityKind b) =>
        a == EntityKind.Unknown || b == EntityKind.Unknown || a == b;

    /// <summary>A member scoring below the lower threshold clearly differs from the name (it dissents).</summary>
    public bool ClearlyDiffers(double probability) => probability < options.LowerThreshold;

    /// <summary>
    /// Anti-chaining: an entity may take the name only when fewer than the allowed share of its compared members
    /// dissent. Persons compared member by member with context (<paramref name="memberWise"/>) have their own share.
    /// </summary>
    public bool Agrees(int dissenting, int compared, bool memberWise) =>
        dissenting < (memberWise ? options.PersonMaxDissentShare : options.MaxDissentShare) * compared;

    /// <summary>
    /// Link to the best allowed entity at or above the upper threshold (other allowed entities there are proposed with
    /// it); else the best entity at or above the lower threshold that is allowed, or whose best member reaches the upper
    /// threshold (the chaining evidence a reviewer should see), is proposed with a new entity; else a new entity. Ties go
    /// to the earlier candidate. <see cref="LinkDecision{T}.Score"/>: the linked entity's probability, else the highest
    /// of all candidates (0 without any).
    /// </summary>
    public LinkDecision<T> Decide<T>(IReadOnlyList<T> candidates) where T : class, IEntityScore
    {
        var nearest = candidates.MaxBy(c => c.Probability);
        var best = candidates.Where(c => c.Allowed).MaxBy(c => c.Probability);
        if (best is not null && best.Probability >= options.UpperThreshold)
        {
            var also = candidates.Where(c => c.Allowed && c.EntityId != best.EntityId && c.Probability >= options.UpperThreshold).ToList();
            return new LinkDecision<T>(ResolutionKind.Matched, best, also, best.Probability, nearest);
        }
        var score = nearest?.Probability ?? 0;
        var candidate = candidates
            .Where(c => (c.Allowed || c.Probability >= options.UpperThreshold) && c.Probability >= options.LowerThreshold)
            .MaxBy(c => c.Probability);
        return candidate is not null
            ? new LinkDecision<T>(ResolutionKind.Review, candidate, [], score, nearest)
            : new LinkDecision<T>(ResolutionKind.New, null, [], score, nearest);
    }
}
