namespace Names.Resolver.Service.ReadModel;

/// <summary>How fresh the in-process read model of the registry is kept.</summary>
public sealed record ReadModelOptions
{
    /// <summary>
    /// Oldest state a lookup may answer from: writes of other processes/instances show up in lookups within this time
    /// (this instance's own resolves at once). Zero: every lookup first reads the changes since the last one.
    /// </summary>
    public TimeSpan MaxStaleness { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>How long an id skipped by the change feed is asked for again (PostgreSQL commits out of id order).</summary>
    public TimeSpan GapTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Rows read per round trip when loading and following the change feed.</summary>
    public int PageSize { get; init; } = 20_000;
}
