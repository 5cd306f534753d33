using Names.Normalization;

namespace Names.Resolver.Service;

/// <summary>
/// The decision for one party of a resolve request: Resolution is matched, new, review or rejected (then Problem says
/// why and GlobalId is empty). ProposedWith is the existing entity a review proposal links the new one to.
/// </summary>
public sealed record PartyResolution(
    Party Party,
    string GlobalId,
    string EntityKind,
    string CanonicalName,
    string Resolution,
    double Score,
    string Explanation,
    string? ProposedWith = null,
    string Problem = "");
