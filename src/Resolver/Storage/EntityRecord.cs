namespace Names.Resolver.Storage;

/// <summary>One registry entity. Status is <c>active</c>, <c>absorbed</c> or <c>erased</c>; an absorbed entity names its survivor.</summary>
public sealed record EntityRecord(string Id, string Kind, string CanonicalName, string Status = EntityStatus.Active, string? SurvivorId = null);

public static class EntityStatus
{
    public const string Active = "active";
    public const string Absorbed = "absorbed";
    /// <summary>A natural person's data erased (issue 16): the id stays and answers "erased", nothing of the name is kept.</summary>
    public const string Erased = "erased";
}
