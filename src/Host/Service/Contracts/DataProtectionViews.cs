namespace Names.Host.Service.Contracts;

public sealed record EraseRequest(string? Reason);

/// <summary>
/// The answer to an erasure: <see cref="Status"/> <c>erased</c> (now) or <c>already_erased</c> (nothing changed);
/// <see cref="ErasedIds"/> every id of the person; <see cref="ErasedOn"/> when.
/// </summary>
public sealed record ErasureView(string Id, string Status, IReadOnlyList<string> ErasedIds, DateTimeOffset? ErasedOn, int VariantsDeleted, int EventsScrubbed);

/// <summary>A page of the change feed: the changes after the cursor asked with, and the cursor to ask with next.</summary>
public sealed record ChangesView(IReadOnlyList<ChangeView> Changes, long Next);

public sealed record ChangeView(long Seq, string Type, string Id, string? Survivor, string? Origin, DateTimeOffset Time, string? Detail);
