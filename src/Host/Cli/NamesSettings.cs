using System.CommandLine;

namespace Names.Host.Cli;

/// <summary>
/// One setting: its configuration key (appsettings.json path, <c>Section:Name</c>), its environment variable and its flag.
/// Sources in rising precedence: appsettings.json, environment, flag.
/// </summary>
public sealed record Setting(string Key, string Flag, string Description, string? Default = null)
{
    public const string EnvironmentPrefix = "NAMES__";

    public string EnvironmentVariable => EnvironmentPrefix + Key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The flag. Its value stays text here: <see cref="NamesConfiguration"/> reads flags, environment and file alike.</summary>
    public Option<string?> CreateOption() => new(Flag)
    {
        Description = Description + (Default is null ? "" : $" (default: {Default})") + $" [env {EnvironmentVariable}]",
        HelpName = Flag.TrimStart('-'),
    };
}

/// <summary>Every setting of names, in the order `names serve --help` and docs/deploy.md list them.</summary>
public static class NamesSettings
{
    public static Setting RegistrySqlite { get; } = new("Registry:Sqlite", "--db", "SQLite registry file", "names.db");

    public static Setting RegistryPostgres { get; } = new("Registry:Postgres", "--pg",
        "PostgreSQL connection string (Npgsql), instead of --db; a password here shows in `ps`: prefer the environment variable or --pg-file");

    public static Setting RegistryPostgresFile { get; } = new("Registry:PostgresFile", "--pg-file",
        "file holding the PostgreSQL connection string (mode 600 or 640), instead of --db");

    public static Setting ServeUrls { get; } = new("Serve:Urls", "--urls", "address to listen on (port 0: any free port)", "http://127.0.0.1:5080");

    public static Setting ServeRateLimit { get; } = new("Serve:RateLimit", "--rate-limit", "requests per second per API key (burst: twice as many)", "2000");

    public static Setting ServeLogLevel { get; } = new("Serve:LogLevel", "--log-level", "minimum level of the logs (Trace, Debug, Information, Warning, Error, Critical, None)", "Information");

    public static Setting ServeLookupStaleness { get; } = new("Serve:LookupStalenessMs", "--lookup-staleness-ms",
        "lookups answer from an in-memory image of the registry at most this old in ms (writes of other instances show within it; 0: read the changes on every lookup)", "100");

    public static Setting ServeShutdownTimeout { get; } = new("Serve:ShutdownTimeoutSeconds", "--shutdown-timeout",
        "on SIGTERM, seconds to let requests in flight finish before the process exits", "30");

    public static Setting ServeMaxBodyBytes { get; } = new("Serve:MaxBodyBytes", "--max-body-bytes", "largest request body accepted in bytes (413 above)", "1048576");

    public static IReadOnlyList<Setting> Registry { get; } = [RegistrySqlite, RegistryPostgres, RegistryPostgresFile];

    public static IReadOnlyList<Setting> Serve { get; } = [ServeUrls, ServeRateLimit, ServeLogLevel, ServeLookupStaleness, ServeShutdownTimeout, ServeMaxBodyBytes];

    public static IReadOnlyList<Setting> All { get; } = [.. Registry, .. Serve];
}
