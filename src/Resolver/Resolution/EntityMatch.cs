using Names.Resolver.Scoring;

namespace Names.Resolver.Resolution;

/// <summary>How a new variant compares with one existing entity: the best member score and whether the cluster agrees.</summary>
internal sealed record EntityMatch(string EntityId, double BestProbability, PairScore BestScore, int Compared, int Dissenting, bool Allowed);
