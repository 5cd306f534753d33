using System.CommandLine;
using Names.Resolver.Service;
using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Postgres;

namespace Names.Host.Cli;

/// <summary>Where the registry lives: <c>--db FILE</c> (SQLite, the default <c>./names.db</c>) or <c>--pg CONN</c> (PostgreSQL).</summary>
public sealed class RegistryOptions
{
    public Option<string> Db { get; } = new("--db") { Description = "SQLite registry file", DefaultValueFactory = _ => "names.db" };
    public Option<string?> Pg { get; } = new("--pg") { Description = "PostgreSQL connection string (Npgsql), instead of --db" };

    public void AddTo(Command command)
    {
        command.Options.Add(Db);
        command.Options.Add(Pg);
    }

    public RegistryLocation Bind(ParseResult parse)
    {
        var pg = parse.GetValue(Pg);
        if (pg is not null && parse.GetResult(Db) is { Implicit: false })
            throw new CliUsageException("give either --db or --pg, not both");
        return new RegistryLocation(parse.GetValue(Db)!, pg);
    }
}

/// <summary>
/// A registry's address, and the one place that picks SQLite or PostgreSQL (a connection string given: PostgreSQL).
/// <see cref="OpenAsync"/> applies migrations and turns failures into exit-code exceptions.
/// </summary>
public sealed record RegistryLocation(string Db, string? Pg)
{
    public override string ToString() => Pg is null ? Db : "PostgreSQL";

    /// <summary>The store for runs and reviewers' operations (migrations applied).</summary>
    public async Task<IRegistryStore> OpenStoreAsync(CancellationToken ct) =>
        Pg is null ? await SqliteRegistryStore.OpenAsync(Db, ct) : await PostgresRegistryStore.OpenAsync(Pg, ct);

    /// <summary>The registry for single-name decisions (a connection per request, the shared id sequence); the same object holds API keys and the key ring.</summary>
    public async Task<IOnlineRegistry> OpenOnlineAsync(CancellationToken ct) =>
        Pg is null ? await SqliteOnlineRegistry.OpenAsync(Db, ct) : await PostgresOnlineRegistry.OpenAsync(Pg, ct);

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
