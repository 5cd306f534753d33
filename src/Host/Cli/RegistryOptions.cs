using System.CommandLine;
using Names.Resolver.Service;
using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Candidates;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Postgres;

namespace Names.Host.Cli;

/// <summary>
/// Where the registry lives: <c>--db FILE</c> (SQLite, the default <c>./names.db</c>), <c>--pg CONN</c> or
/// <c>--pg-file FILE</c> (PostgreSQL), or the same settings from appsettings.json or the environment
/// (<see cref="NamesSettings.Registry"/>). Of SQLite and PostgreSQL, the one given by the stronger source wins.
/// </summary>
public sealed class RegistryOptions
{
    public Option<string?> Db { get; } = NamesSettings.RegistrySqlite.CreateOption();
    public Option<string?> Pg { get; } = NamesSettings.RegistryPostgres.CreateOption();
    public Option<string?> PgFile { get; } = NamesSettings.RegistryPostgresFile.CreateOption();
    public Option<string?> IndexDir { get; } = new("--index-dir")
    {
        Description = "directory of the candidate index, derived from the registry (default: beside a SQLite registry, FILE.index; with PostgreSQL: built in memory each run)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Db);
        command.Options.Add(Pg);
        command.Options.Add(PgFile);
        command.Options.Add(IndexDir);
    }

    public RegistryLocation Bind(ParseResult parse) =>
        Bind(NamesConfiguration.Load(parse), parse.InvocationConfiguration.Error) with { IndexDir = parse.GetValue(IndexDir) };

    /// <summary>The registry the settings name; warnings (a password on the command line, a world-readable file) go to <paramref name="warnings"/>.</summary>
    public static RegistryLocation Bind(NamesConfiguration config, TextWriter warnings)
    {
        var (sqlite, pg, pgFile) = (NamesSettings.RegistrySqlite, NamesSettings.RegistryPostgres, NamesSettings.RegistryPostgresFile);
        if (config.Get(pg) is not null && config.Get(pgFile) is not null && config.PrecedenceOf(pg) == config.PrecedenceOf(pgFile))
            throw new CliUsageException($"give the PostgreSQL connection either as {config.SourceOf(pg)} or as {config.SourceOf(pgFile)}, not both");
        var postgres = config.PrecedenceOf(pgFile) > config.PrecedenceOf(pg) ? pgFile : pg;
        var pgRank = config.PrecedenceOf(postgres);
        var dbRank = config.PrecedenceOf(sqlite);
        if (pgRank > 0 && pgRank == dbRank)
            throw new CliUsageException($"give either {config.SourceOf(sqlite)} or {config.SourceOf(postgres)}, not both");
        if (pgRank <= dbRank) return new RegistryLocation(config.GetText(sqlite), null);
        if (postgres == pgFile) return new RegistryLocation(config.GetText(sqlite), PostgresConnectionFile.Read(config.Get(pgFile)!, warnings));
        var connection = config.Get(pg)!;
        if (config.IsFromFlag(pg) && PostgresConnectionFile.HasPassword(connection))
            warnings.WriteLine($"names: warning: the password given with --pg is visible to every local user (ps, /proc); give the connection string " +
                               $"in the environment ({pg.EnvironmentVariable}), in a file readable by you only (--pg-file FILE) or in appsettings.json instead");
        return new RegistryLocation(config.GetText(sqlite), connection);
    }
}

/// <summary>
/// A registry's address, and the one place that picks SQLite or PostgreSQL (a connection string given: PostgreSQL).
/// <see cref="OpenAsync"/> applies migrations and turns failures into exit-code exceptions.
/// </summary>
public sealed record RegistryLocation(string Db, string? Pg, string? IndexDir = null)
{
    public override string ToString() => Pg is null ? Db : "PostgreSQL";

    /// <summary>The store for runs and reviewers' operations (migrations applied).</summary>
    public async Task<IRegistryStore> OpenStoreAsync(CancellationToken ct) =>
        Pg is null ? await SqliteRegistryStore.OpenAsync(Db, ct) : await PostgresRegistryStore.OpenAsync(Pg, ct);

    /// <summary>The registry for single-name decisions (a connection per request, the shared id sequence); the same object holds API keys and the key ring.</summary>
    public async Task<IOnlineRegistry> OpenOnlineAsync(CancellationToken ct) =>
        Pg is null ? await SqliteOnlineRegistry.OpenAsync(Db, ct) : await PostgresOnlineRegistry.OpenAsync(Pg, ct);

    /// <summary>Where the candidate index lives: --index-dir, else beside a SQLite file; null: in memory.</summary>
    public string? IndexDirectory => IndexDir ?? (Pg is null && Db != ":memory:" ? Db + ".index" : null);

    /// <summary>Deletes a SQLite registry's files and its candidate index (a temporary registry's clean-up).</summary>
    public void DeleteSqliteFiles()
    {
        foreach (var f in new[] { Db, Db + "-wal", Db + "-shm" }) File.Delete(f);
        if (IndexDirectory is { } index && Directory.Exists(index)) Directory.Delete(index, recursive: true);
    }

    /// <summary>Opens the candidate index of <paramref name="store"/> (null: the engine builds one in memory); an unusable directory is an I/O error.</summary>
    public async Task<LuceneCandidateIndex?> OpenIndexAsync(IRegistryStore store, Action<string> report, CancellationToken ct)
    {
        if (IndexDirectory is not { } path) return null;
        try { return await CandidateIndexFolder.OpenAsync(path, store, report, ct); }
        catch (CandidateIndexException e) { throw new CliIoException(e.Message, e); }
    }

    public async Task<IRegistryStore> OpenAsync(bool mustExist, CancellationToken ct)
    {
        if (Pg is null && mustExist && !File.Exists(Db)) throw new CliIoException($"registry '{Db}' does not exist");
        try
        {
            return await OpenStoreAsync(ct);
        }
        catch (RegistrySchemaTooNewException e)
        {
            throw new CliIoException(e.Message, e);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CliIoException($"cannot open registry '{this}': {e.Message}", e);
        }
    }
}
