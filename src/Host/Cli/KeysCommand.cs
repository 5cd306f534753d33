using System.CommandLine;
using System.Globalization;
using Names.Host.Service;
using Names.Resolver.Service;

namespace Names.Host.Cli;

/// <summary><c>names keys add --role R --name N</c> prints a new API key once (only its hash is stored); <c>names keys list</c> lists keys.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Manage the service's API keys.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        return command;
    }

    private static (Option<string> Db, Option<string?> Pg) StoreOptions() =>
        (new Option<string>("--db") { Description = "SQLite registry file", DefaultValueFactory = _ => "names.db" },
         new Option<string?>("--pg") { Description = "PostgreSQL connection string (Npgsql), instead of --db" });

    private static Command Add()
    {
        var role = new Option<string>("--role") { Description = "reader, filer, reviewer or admin", Required = true };
        role.AcceptOnlyFromAmong("reader", "filer", "reviewer", "admin");
        var name = new Option<string>("--name") { Description = "who the key is for", Required = true };
        var (db, pg) = StoreOptions();
        var command = new Command("add", "Create an API key and print it (shown once).") { role, name, db, pg };
        command.SetAction(async (parse, ct) =>
        {
            var (registry, keys) = await ServiceRuntime.OpenStoreAsync(new ServiceSettings { DbPath = parse.GetValue(db)!, PgConnection = parse.GetValue(pg) }, ct);
            await using (registry)
            {
                var created = await keys.AddKeyAsync(parse.GetValue(name)!, ApiRoleText.Parse(parse.GetValue(role))!.Value, ct);
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"names keys: created {created.Record.Role.ToText()} key {created.Record.Id} for '{created.Record.Name}' (printed once; only its hash is stored)");
                await parse.InvocationConfiguration.Output.WriteLineAsync(created.Key);
            }
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var (db, pg) = StoreOptions();
        var command = new Command("list", "List API keys (id, role, name, prefix, created); never the keys.") { db, pg };
        command.SetAction(async (parse, ct) =>
        {
            var (registry, keys) = await ServiceRuntime.OpenStoreAsync(new ServiceSettings { DbPath = parse.GetValue(db)!, PgConnection = parse.GetValue(pg) }, ct);
            await using (registry)
            {
                var output = parse.InvocationConfiguration.Output;
                foreach (var k in await keys.ListKeysAsync(0, int.MaxValue, ct))
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{k.Id}\t{k.Role.ToText()}\t{k.Name}\t{k.Prefix}…\t{k.Created:O}"));
            }
            return 0;
        });
        return command;
    }
}
