using Names.Resolver.Scoring;

namespace Names.Resolver.Resolution;

/// <summary>
/// How a new name compares with one existing entity (<see cref="EntityMatcher.Score{TEntity,TMember}"/>): the entity's
/// group and best member (indexes into the groups scored), that member's probability (hard rules and name conflict rules
/// applied) and levels, and whether the entity's compared members agree enough for a link.
/// </summary>
public sealed record EntityMatch(string EntityId, int Group, int BestMember, double Probability, int[] BestLevels, int Compared, int Dissenting,
    bool Allowed, IPairScorer Scorer) : IEntityScore
{
    /// <summary>What lets the best member's name stand although it shares no distinctive word (<see cref="NameSupportRule.Support"/>); shown in the explanation.</summary>
    public FeatureContribution? Support { get; init; }

    /// <summary>The explained score of the best member (probability as decided), built only when an answer needs it.</summary>
    public PairScore BestScore
    {
        get
        {
            var score = Scorer.Score(BestLevels);
            if (Support is not null) score = score with { Contributions = [.. score.Contributions, Support] };
            // A hard rule or a name conflict rule overrode the model; the contributions still show why it looked alike.
            return score.Probability == Probability ? score : score with { Probability = Probability };
        }
    }
}
