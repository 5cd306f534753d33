namespace Names.Resolver.Storage;

/// <summary>One registry entity. Status is <c>active</c> or <c>absorbed</c>; an absorbed entity names its survivor.</summary>
public sealed record EntityRecord(string Id, string Kind, string CanonicalName, string Status = EntityStatus.Active, string? SurvivorId = null);

public static class EntityStatus
{
    public const string Active = "active";
    public const string Absorbed = "absorbed";
}
