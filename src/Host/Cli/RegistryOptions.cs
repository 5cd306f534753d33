using System.CommandLine;
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

/// <summary>A registry's address. <see cref="OpenAsync"/> applies migrations and turns failures into exit-code exceptions.</summary>
public sealed record RegistryLocation(string Db, string? Pg)
{
    public override string ToString() => Pg is null ? Db : "PostgreSQL";

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
