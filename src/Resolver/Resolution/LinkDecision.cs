namespace Names.Resolver.Resolution;

/// <summary>
/// What <see cref="LinkDecisionRule"/> decided for a new name. <see cref="Resolution"/> is
/// <see cref="ResolutionKind.Matched"/> (link the name to <see cref="Target"/>, and propose <see cref="AlsoMatching"/>
/// each with it), <see cref="ResolutionKind.Review"/> (mint a new entity and propose it with <see cref="Target"/>) or
/// <see cref="ResolutionKind.New"/> (mint; <see cref="Target"/> is null).
/// </summary>
public sealed record LinkDecision<T>(string Resolution, T? Target, IReadOnlyList<T> AlsoMatching, double Score, T? Nearest) where T : class, IEntityScore;
