using System.Text.Json;
using Names.Host.Cli;
using Names.Resolver.Storage;

namespace Names.Host.Privacy;

/// <summary>`names export --entity ID`: the person's <see cref="Resolver.Privacy.PersonalDataReport"/> as JSON (camelCase, as the API answers it).</summary>
public static class PersonalDataExport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> WriteAsync(IRegistryStore store, string id, string outPath, CliConsole console, CancellationToken ct)
    {
        var report = await store.PersonalData.GetPersonalDataAsync(id.Trim().ToUpperInvariant(), ct);
        if (report is null)
        {
            await console.Error.WriteLineAsync($"names export: no entity has the id {id}");
            return CliExitCodes.Usage;
        }
        using (var writer = OutputFile.Open(outPath, console))
        {
            await writer.WriteAsync(JsonSerializer.Serialize(report, Json));
            await writer.WriteAsync('\n');
        }
        await console.Error.WriteLineAsync($"names export: {report.EntityId}: {report.Variants.Count} variants, {report.Events.Count} events, " +
                                           $"{report.Proposals.Count} proposals, {report.Decisions.Count} decisions");
        return CliExitCodes.Done;
    }
}
