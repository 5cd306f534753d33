using Names.Normalization;

namespace Names.Resolver.Service;

/// <summary>One cleaned party of a looked-up name with its ranked candidates (best first).</summary>
public sealed record PartyLookup(Party Party, IReadOnlyList<EntityCandidate> Candidates);
