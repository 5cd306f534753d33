using System.CommandLine;
using System.Globalization;

namespace Names.Host.Cli;

/// <summary><c>names audit --entity ID | --key NAME</c>: the audited API reads of a person's data, oldest first (CSV).</summary>
public static class AuditCommand
{
    public static Command Create(CliConsole console)
    {
        var registry = new RegistryOptions();
        var entity = new Option<string?>("--entity") { Description = "reads of this id" };
        var key = new Option<string?>("--key") { Description = "reads made with the API key of this name" };
        var command = new Command("audit", "List the audited API reads of persons' entities, histories and personal data: time, key, endpoint, id, status.") { entity, key };
        registry.AddTo(command);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "audit", async () =>
        {
            if (parse.GetValue(entity) is null && parse.GetValue(key) is null) throw new CliUsageException("give --entity ID or --key NAME (or both)");
            await using var store = await registry.Bind(parse).OpenAsync(mustExist: true, ct);
            var reads = await store.PersonalData.ReadAuditAsync(parse.GetValue(entity)?.Trim().ToUpperInvariant(), parse.GetValue(key), ct);
            await console.Out.WriteLineAsync("time,key,endpoint,id,status");
            foreach (var r in reads)
                await console.Out.WriteLineAsync(string.Join(',', r.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
                    Csv(r.KeyName), Csv(r.Endpoint), r.EntityId, r.Status.ToString(CultureInfo.InvariantCulture)));
            await console.Error.WriteLineAsync($"names audit: {reads.Count.ToString("N0", CultureInfo.InvariantCulture)} reads");
            return CliExitCodes.Done;
        }));
        return command;
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
