using Names.Resolver.ExternalIds;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;

namespace Names.Resolver.Resolution;

/// <summary>
/// What an identifier a name carries decides, for the bulk <see cref="ResolutionEngine"/> and the service's resolve
/// alike: the entity holding it takes the name with score 1 ("same LEI") unless the holder's names contradict it (best
/// score below the lower threshold: then a new entity proposed with the holder); an identifier nobody holds is linked
/// where the name lands. Holders of different identifiers of one scheme are kept apart by <see cref="EntityMatcher"/>.
/// </summary>
public static class ExternalIdRule
{
    /// <summary>The explanation of a match by identifier: "same LEI".</summary>
    public static string Same(ExternalId id) => "same " + ExternalIdSchemes.LabelOf(id.Scheme);

    /// <summary>Whether the holder's names contradict the name: its best score is below the lower threshold (a holder without names never does).</summary>
    public static bool Contradicts(PairScore? best, ResolutionOptions options) => best is not null && best.Probability < options.LowerThreshold;

    public static string Contradiction(ExternalId id, string holderId, PairScore best) => $"{Same(id)} as {holderId}, but the names differ: {best.Explain()}";

    /// <summary>Why a name known for <paramref name="entityId"/> went to a new entity holding <paramref name="ids"/>: its entity holds another of their scheme.</summary>
    public static string HeldElsewhere(string entityId, IReadOnlyList<ExternalId> ids) =>
        $"the name is a variant of {entityId}, which holds another {string.Join(", ", ids.Select(x => ExternalIdSchemes.LabelOf(x.Scheme)))}";

    /// <summary>Whether the entity holding <paramref name="held"/> may take the identifiers: none of another value in their schemes.</summary>
    public static bool MayHold(IReadOnlyCollection<ExternalId> held, IReadOnlyList<ExternalId> ids) => ExternalId.Contradicting(ids, held) is null;

    /// <summary>Writes the link and its <c>external_id_linked</c> event into the batch.</summary>
    public static void Link(RegistryBatch batch, ExternalId id, string entityId, string source, string actor)
    {
        var now = DateTimeOffset.UtcNow;
        batch.ExternalIds.Add(new ExternalIdLink(id.Scheme, id.Value, entityId, source, "", now));
        batch.Events.Add(new RegistryEvent(RegistryEventType.ExternalIdLinked, entityId, null, actor, id.ToString(), now));
    }
}
