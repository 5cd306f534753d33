namespace Names.Host.Service.Contracts;

/// <summary>A pending proposal: two entities the resolver thinks may be one, with the score and its explanation.</summary>
public sealed record ProposalView(long Id, string EntityA, string EntityB, double Score, string Explanation, string Status, DateTimeOffset Created);

public sealed record ReviewDecisionView(long ProposalId, string Status, string? SurvivorId);

/// <summary>POST /api/v1/entities/{id}/split: the variant ids (from GET /entities/{id}) that leave for a new entity.</summary>
public sealed record SplitRequest(IReadOnlyList<long>? Variants, string? Reason);

public sealed record SplitView(string Id, string NewId, IReadOnlyList<long> MovedVariants);
