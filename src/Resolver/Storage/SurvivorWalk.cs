namespace Names.Resolver.Storage;

/// <summary>
/// The walk from an id to the entity it resolves to: an absorbed entity names the one it was merged into, a chain ends
/// at an active entity. Bounded, so a cycle (which the stores refuse to write) cannot hang a reader.
/// </summary>
public static class SurvivorWalk
{
    public const int MaxSteps = 1000;

    /// <summary>The entity <paramref name="id"/> resolves to, read with <paramref name="get"/>; null when the id was never issued.</summary>
    public static async Task<EntityRecord?> FollowAsync(string id, Func<string, Task<EntityRecord?>> get)
    {
        var entity = await get(id);
        for (int step = 0; entity is { Status: EntityStatus.Absorbed, SurvivorId: not null } && step < MaxSteps; step++)
            entity = await get(entity.SurvivorId);
        return entity;
    }

    /// <summary>The same walk over an in-memory image: <paramref name="next"/> gives the survivor an entity was merged into, null for an active one.</summary>
    public static T Follow<T>(T entity, Func<T, T?> next) where T : class
    {
        for (int step = 0; step < MaxSteps && next(entity) is { } survivor; step++) entity = survivor;
        return entity;
    }
}
