using System.CommandLine;
using System.Globalization;
using Names.Resolver.Candidates;
using Names.Host.Resolving;
using Names.Resolver.Registry;

namespace Names.Host.Cli;

/// <summary>
/// <c>names verify</c>: checks the registry's promises: every id ever issued resolves, check digits are valid, no
/// variant without an entity, no cycle among absorbed ids. Exit 0 when clean, 3 when a problem was found.
/// </summary>
public static class VerifyCommand
{
    public const int ProblemsFound = 3;

    public static Command Create(CliConsole console)
    {
        var registry = new RegistryOptions();
        var command = new Command("verify", "Check the registry: every id ever issued resolves, check digits valid, no variant without an entity, " +
                                            "no cycle among absorbed ids. Exit codes: 0 clean, 3 problems found, 1 registry unreadable.");
        registry.AddTo(command);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "verify", async () =>
        {
            var location = registry.Bind(parse);
            await using var store = await location.OpenAsync(mustExist: true, ct);
            var (index, indexProblem) = location.IndexDirectory is { } dir ? await CandidateIndexFolder.OpenForCheckAsync(dir, store, ct) : (null, null);
            RegistryVerification result;
            using (index) result = await new RegistryVerifier(store, index).VerifyAsync(ct);

            string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
            var summary = new CliSummary(result.Ok ? "names verify: registry is consistent" : $"names verify: {N(result.Problems.Count)} problems")
                .Add("registry", location.ToString())
                .Add("entities", N(result.Entities))
                .Add("variants", N(result.Variants))
                .Add("ids issued", N(result.IdsIssued))
                .Add("schema", (await store.GetSchemaVersionAsync(ct)).ToString(CultureInfo.InvariantCulture))
                // An index not built, unreadable or of another registry is no fault of the registry: the next run rebuilds it.
                .Add("candidate index", indexProblem ?? (index is null ? "in memory (built by each run)" : "checked"));
            summary.WriteTo(console.Out);
            foreach (var problem in result.Problems.Take(100)) await console.Out.WriteLineAsync($"  problem: {problem}");
            if (result.Problems.Count > 100) await console.Out.WriteLineAsync($"  ... and {N(result.Problems.Count - 100)} more");
            return result.Ok ? CliExitCodes.Done : ProblemsFound;
        }));
        return command;
    }
}
