using System.CommandLine;
using System.Globalization;
using Names.Host.Service;
using Names.Resolver.Service;

namespace Names.Host.Cli;

/// <summary><c>names keys add --role R --name N</c> prints a new API key once (only its hash is stored); <c>names keys list</c> lists keys.</summary>
public static class KeysCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("keys", "Manage the service's API keys.");
        command.Subcommands.Add(Add(console));
        command.Subcommands.Add(List(console));
        return command;
    }

    private static Command Add(CliConsole console)
    {
        var role = new Option<string>("--role") { Description = "reader, filer, reviewer or admin", Required = true };
        role.AcceptOnlyFromAmong("reader", "filer", "reviewer", "admin");
        var name = new Option<string>("--name") { Description = "who the key is for", Required = true };
        var store = new RegistryOptions();
        var command = new Command("add", "Create an API key and print it (shown once).") { role, name };
        store.AddTo(command);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "keys", async () =>
        {
            var (registry, keys) = await ServiceRuntime.OpenStoreAsync(ServiceSettings.For(store.Bind(parse)), ct);
            await using (registry)
            {
                var created = await keys.AddKeyAsync(parse.GetValue(name)!, ApiRoleText.Parse(parse.GetValue(role))!.Value, ct);
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"names keys: created {created.Record.Role.ToText()} key {created.Record.Id} for '{created.Record.Name}' (printed once; only its hash is stored)");
                await parse.InvocationConfiguration.Output.WriteLineAsync(created.Key);
            }
            return 0;
        }));
        return command;
    }

    private static Command List(CliConsole console)
    {
        var store = new RegistryOptions();
        var command = new Command("list", "List API keys (id, role, name, prefix, created); never the keys.");
        store.AddTo(command);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "keys", async () =>
        {
            var (registry, keys) = await ServiceRuntime.OpenStoreAsync(ServiceSettings.For(store.Bind(parse)), ct);
            await using (registry)
            {
                var output = parse.InvocationConfiguration.Output;
                foreach (var k in await keys.ListKeysAsync(0, int.MaxValue, ct))
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{k.Id}\t{k.Role.ToText()}\t{k.Name}\t{k.Prefix}…\t{k.Created:O}"));
            }
            return 0;
        }));
        return command;
    }
}
