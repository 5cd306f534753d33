using Names.Resolver.Resolution;
using Names.Resolver.Service.ReadModel;

namespace Names.Host.Service;

/// <summary>How `names serve` runs: store, address, request limits and rate limits.</summary>
public sealed record ServiceSettings
{
    /// <summary>SQLite registry file (used when <see cref="PgConnection"/> is not given).</summary>
    public string DbPath { get; init; } = "names.db";
    /// <summary>Npgsql connection string; when set, the registry is on PostgreSQL.</summary>
    public string? PgConnection { get; init; }
    public string Urls { get; init; } = "http://127.0.0.1:5080";
    /// <summary>Largest request body accepted (413 above).</summary>
    public long MaxBodyBytes { get; init; } = 1 << 20;
    public int MaxNamesPerBatch { get; init; } = 1000;
    /// <summary>Longest name field accepted, in characters (400 above).</summary>
    public int MaxNameLength { get; init; } = 1000;
    public int MaxLookupLimit { get; init; } = 50;
    public int MaxPageSize { get; init; } = 200;
    /// <summary>Requests per second per API key (token bucket); <see cref="RateBurst"/> tokens at most.</summary>
    public int RatePerSecond { get; init; } = 2000;
    public int RateBurst { get; init; } = 4000;
    /// <summary>Minimum level of the structured (JSON) logs.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;
    /// <summary>On SIGTERM, how long requests in flight may take to finish before the process exits anyway.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public ResolutionOptions Resolution { get; init; } = new() { Actor = "service" };
    /// <summary>Freshness of the in-process read model lookups answer from (writes of other instances show within MaxStaleness).</summary>
    public ReadModelOptions ReadModel { get; init; } = new();

    /// <summary>Default settings on the given registry (commands that open the service's stores without serving).</summary>
    public static ServiceSettings For(Cli.RegistryLocation registry) => new() { DbPath = registry.Db, PgConnection = registry.Pg };
}
