using System.CommandLine;
using Names.Resolver.Candidates;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Postgres;

namespace Names.Host.Cli;

/// <summary>Where the registry lives: <c>--db FILE</c> (SQLite, the default <c>./names.db</c>) or <c>--pg CONN</c> (PostgreSQL).</summary>
public sealed class RegistryOptions
{
    public Option<string> Db { get; } = new("--db") { Description = "SQLite registry file", DefaultValueFactory = _ => "names.db" };
    public Option<string?> Pg { get; } = new("--pg") { Description = "PostgreSQL connection string (Npgsql), instead of --db" };
    public Option<string?> IndexDir { get; } = new("--index-dir")
    {
        Description = "directory of the candidate index, derived from the registry (default: beside a SQLite registry, FILE.index; with --pg: built in memory each run)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Db);
        command.Options.Add(Pg);
        command.Options.Add(IndexDir);
    }

    public RegistryLocation Bind(ParseResult parse)
    {
        var pg = parse.GetValue(Pg);
        if (pg is not null && parse.GetResult(Db) is { Implicit: false })
            throw new CliUsageException("give either --db or --pg, not both");
        return new RegistryLocation(parse.GetValue(Db)!, pg, parse.GetValue(IndexDir));
    }
}

/// <summary>A registry's address. <see cref="OpenAsync"/> applies migrations and turns failures into exit-code exceptions.</summary>
public sealed record RegistryLocation(string Db, string? Pg, string? IndexDir = null)
{
    public override string ToString() => Pg is null ? Db : "PostgreSQL";

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
            return Pg is null ? await SqliteRegistryStore.OpenAsync(Db, ct) : await PostgresRegistryStore.OpenAsync(Pg, ct);
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
