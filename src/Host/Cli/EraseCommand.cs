using System.CommandLine;
using System.Globalization;
using Names.Host.Privacy;
using Names.Resolver.Privacy;

namespace Names.Host.Cli;

/// <summary>
/// <c>names erase ID --reason TEXT</c>: erases a natural person's data (GDPR article 17); the id stays and answers
/// "erased". Exit 0 erased (or erased before: nothing changes), 1 a legal entity (refused), 2 no such id.
/// </summary>
public static class EraseCommand
{
    public static Command Create(CliConsole console)
    {
        var registry = new RegistryOptions();
        var id = new Argument<string>("ID") { Description = "the person's id (an id merged into it erases the person it resolves to)" };
        var reason = new Option<string>("--reason") { Description = "why (kept in the event log; write no name here)", Required = true };
        var actor = new Option<string>("--actor") { Description = "who erases (kept in the event log)", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("erase", "Erase a natural person's names, raw inputs, provenance and contributions; the id stays and answers 'erased'. " +
                                           "Exit codes: 0 erased or erased before, 1 a legal entity (refused), 2 no such id.") { id, reason, actor };
        registry.AddTo(command);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "erase", async () =>
        {
            var location = registry.Bind(parse);
            await using var store = await location.OpenAsync(mustExist: true, ct);
            var request = new ErasureRequest(parse.GetValue(id)!.Trim().ToUpperInvariant(), parse.GetValue(actor)!, parse.GetValue(reason)!);
            var outcome = await PersonErasure.EraseAsync(store, location, request, null, m => console.Error.WriteLine("names erase: " + m), ct);
            switch (outcome.Status)
            {
                case ErasureStatus.Erased:
                    await console.Out.WriteLineAsync($"names erase: {outcome.EntityId} erased ({string.Join(", ", outcome.EntityIds)}): " +
                        $"{outcome.VariantIds.Count} variants deleted, name text removed from {outcome.ScrubbedEvents} earlier events");
                    return CliExitCodes.Done;
                case ErasureStatus.AlreadyErased:
                    await console.Out.WriteLineAsync($"names erase: {outcome.EntityId} was erased on {outcome.ErasedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; nothing changed");
                    return CliExitCodes.Done;
                case ErasureStatus.NotAPerson:
                    await console.Error.WriteLineAsync($"names erase: {outcome.EntityId} is a legal entity: its name is not personal data, nothing erased");
                    return CliExitCodes.IoError;
                default:
                    await console.Error.WriteLineAsync($"names erase: no entity has the id {request.Id}");
                    return CliExitCodes.Usage;
            }
        }));
        return command;
    }
}
