using Names.Resolver.Scoring;

namespace Names.Resolver.Resolution;

/// <summary>How a new variant compares with one existing entity: the best member score and whether the cluster agrees.</summary>
internal sealed record EntityMatch(string EntityId, double BestProbability, int[] BestLevels, int Compared, int Dissenting, bool Allowed, IPairScorer Scorer)
    : IEntityScore
{
    double IEntityScore.Probability => BestProbability;

    /// <summary>The explained score of the best member, built only when an answer needs it.</summary>
    public PairScore BestScore => Scorer.Score(BestLevels);
}
