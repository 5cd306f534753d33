namespace Names.Resolver.Privacy;

/// <summary>An erasure asked for: the id (any id of the person, absorbed ones too), who asks and why.</summary>
public sealed record ErasureRequest(string Id, string Actor, string Reason);

public enum ErasureStatus
{
    /// <summary>The person's data is gone now.</summary>
    Erased,
    /// <summary>Erased before: nothing changed.</summary>
    AlreadyErased,
    /// <summary>No entity has the id.</summary>
    NotFound,
    /// <summary>Refused: a legal entity's name is not personal data.</summary>
    NotAPerson,
}

/// <summary>
/// The outcome of an erasure. <see cref="EntityIds"/>: every id of the person (the one it resolves to and each id
/// merged into it); <see cref="VariantIds"/>: the variants deleted (derived stores such as the candidate index must
/// drop them too); <see cref="ErasedOn"/>: when (for <see cref="ErasureStatus.AlreadyErased"/> the first time);
/// <see cref="Note"/>: what could not be done at once (the store's files not rewritten yet), null when everything was.
/// </summary>
public sealed record ErasureOutcome(ErasureStatus Status, string? EntityId, IReadOnlyList<string> EntityIds, IReadOnlyList<long> VariantIds,
    DateTimeOffset? ErasedOn, int ScrubbedEvents = 0, string? Note = null)
{
    public static ErasureOutcome Of(ErasureStatus status, string? entityId = null) => new(status, entityId, [], [], null);
}

/// <summary>A stored erasure: the id, the id asked for, who, when, why, and the variant ids it deleted.</summary>
public sealed record ErasureRecord(string EntityId, string RequestedId, string Actor, string Reason, DateTimeOffset Time, IReadOnlyList<long> VariantIds, int ScrubbedEvents);
