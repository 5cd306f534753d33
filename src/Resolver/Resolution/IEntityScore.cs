namespace Names.Resolver.Resolution;

/// <summary>How a new name compares with one existing entity, as <see cref="LinkDecisionRule"/> reads it.</summary>
public interface IEntityScore
{
    string EntityId { get; }
    /// <summary>Match probability of the entity's best-scoring member (hard rules and name conflict rules applied).</summary>
    double Probability { get; }
    /// <summary>The entity's compared members agree enough for a link (<see cref="LinkDecisionRule.Agrees"/>).</summary>
    bool Allowed { get; }
}
