using System.CommandLine;
using System.Globalization;
using Names.Resolver.Review;

namespace Names.Host.Cli;

/// <summary>
/// <c>names review list | accept ID | reject ID | skip ID | undo</c>: the review queue from a terminal, on the same
/// <see cref="ReviewQueue"/> as the service. The reviewer is recorded as <c>cli:NAME</c> (--reviewer, default the OS
/// user). Exit codes: 0 done, 1 registry unreadable or decision impossible (already decided, cannot-link, nothing to
/// undo), 2 usage error or unknown proposal.
/// </summary>
public static class ReviewCommand
{
    public const int Refused = 1;

    public static Command Create(CliConsole console)
    {
        var command = new Command("review", "The review queue: list pending proposals, accept, reject, skip, undo your last decision.");
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Decide(console, "accept", "Accept a proposal: merge the two entities (the older id survives, the other keeps resolving to it)."));
        command.Subcommands.Add(Decide(console, "reject", "Reject a proposal: the two entities are different (a cannot-link every later run honours)."));
        command.Subcommands.Add(Decide(console, "skip", "Skip a proposal: it stays pending, but is no longer offered to you first."));
        command.Subcommands.Add(Undo(console));
        return command;
    }

    private static Command List(CliConsole console)
    {
        var registry = new RegistryOptions();
        var kind = new Option<string?>("--kind") { Description = "person or legal_entity" };
        var country = new Option<string?>("--country") { Description = "ISO country code of a variant of either entity" };
        var minScore = new Option<double?>("--min-score") { Description = "lowest score shown" };
        var maxScore = new Option<double?>("--max-score") { Description = "highest score shown" };
        var source = new Option<string?>("--source") { Description = "source file of a variant of either entity" };
        var limit = new Option<int>("--limit") { Description = "how many to show", DefaultValueFactory = _ => 20 };
        var offset = new Option<int>("--offset") { Description = "how many to pass over", DefaultValueFactory = _ => 0 };
        var command = new Command("list", "Pending proposals, most informative first (score nearest the middle of the review band, larger entities first).")
        {
            kind, country, minScore, maxScore, source, limit, offset,
        };
        registry.AddTo(command);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "review list", async () =>
        {
            if (parse.GetValue(limit) < 1 || parse.GetValue(offset) < 0) throw new CliUsageException("--limit must be >= 1 and --offset >= 0");
            var filter = new ProposalFilter(parse.GetValue(kind), parse.GetValue(country), parse.GetValue(minScore), parse.GetValue(maxScore), parse.GetValue(source));
            await using var review = await OpenAsync(registry.Bind(parse), ct);
            var (items, total) = await review.Queue.PendingAsync(filter, parse.GetValue(offset), parse.GetValue(limit), ct);
            var rows = new List<string[]> { new[] { "ID", "SCORE", "KIND", "ENTITY A", "NAME A", "ENTITY B", "NAME B", "COUNTRIES", "VARIANTS" } };
            foreach (var p in items)
            {
                var a = await review.Queue.GetEntityAsync(p.EntityA, ct);
                var b = await review.Queue.GetEntityAsync(p.EntityB, ct);
                rows.Add([p.Id.ToString(CultureInfo.InvariantCulture), p.Score.ToString("0.000", CultureInfo.InvariantCulture), a.Kind,
                    a.Id, Cut(a.CanonicalName), b.Id, Cut(b.CanonicalName), string.Join(",", a.Countries.Union(b.Countries).Order(StringComparer.Ordinal)),
                    $"{a.RecordCount}+{b.RecordCount}"]);
            }
            WriteTable(console.Out, rows);
            await console.Error.WriteLineAsync(total == 0 ? "names review: no pending proposal matches"
                : $"names review: {items.Count:N0} of {total:N0} pending proposals shown (from {parse.GetValue(offset) + 1:N0})");
            return CliExitCodes.Done;
        }));
        return command;
    }

    private static Command Decide(CliConsole console, string verb, string description)
    {
        var registry = new RegistryOptions();
        var id = new Argument<long>("ID") { Description = "proposal id (from names review list)" };
        var comment = new Option<string?>("--comment") { Description = "why (recorded with the decision and in the entities' history)" };
        var reviewer = Reviewer();
        var command = new Command(verb, description) { id, reviewer };
        if (verb != "skip") command.Options.Add(comment);
        registry.AddTo(command);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "review " + verb, async () =>
        {
            await using var review = await OpenAsync(registry.Bind(parse), ct);
            var actor = Actor(parse.GetValue(reviewer));
            var proposal = parse.GetValue(id);
            return await RefusalsAsync(console, verb, async () =>
            {
                var decision = verb switch
                {
                    "accept" => await review.Queue.AcceptAsync(proposal, actor, parse.GetValue(comment), ct),
                    "reject" => await review.Queue.RejectAsync(proposal, actor, parse.GetValue(comment), ct),
                    _ => await review.Queue.SkipAsync(proposal, actor, ct),
                };
                await console.Out.WriteLineAsync(Describe(decision));
            });
        }));
        return command;
    }

    private static Command Undo(CliConsole console)
    {
        var registry = new RegistryOptions();
        var comment = new Option<string?>("--comment") { Description = "why (recorded in the entities' history)" };
        var reviewer = Reviewer();
        var command = new Command("undo", "Undo your last decision: un-merge, remove the cannot-link or forget the skip; the proposal is pending again.") { comment, reviewer };
        registry.AddTo(command);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "review undo", async () =>
        {
            await using var review = await OpenAsync(registry.Bind(parse), ct);
            return await RefusalsAsync(console, "undo", async () =>
            {
                var decision = await review.Queue.UndoAsync(Actor(parse.GetValue(reviewer)), null, parse.GetValue(comment), ct)
                               ?? throw new ReviewConflictException("you have no decision to undo");
                await console.Out.WriteLineAsync(Describe(decision));
            });
        }));
        return command;
    }

    private static Option<string?> Reviewer() => new("--reviewer") { Description = "who decides (recorded as cli:NAME); default: the OS user" };

    private static string Actor(string? reviewer) => "cli:" + (string.IsNullOrWhiteSpace(reviewer) ? Environment.UserName : reviewer.Trim());

    private static Task<CliReview> OpenAsync(RegistryLocation location, CancellationToken ct) => CliReview.OpenAsync(location, scoring: false, ct);

    private static async Task<int> RefusalsAsync(CliConsole console, string verb, Func<Task> decide)
    {
        try
        {
            await decide();
            return CliExitCodes.Done;
        }
        catch (KeyNotFoundException e)
        {
            await console.Error.WriteLineAsync($"names review {verb}: {e.Message}");
            return CliExitCodes.Usage;
        }
        catch (InvalidOperationException e)
        {
            await console.Error.WriteLineAsync($"names review {verb}: refused: {e.Message}");
            return Refused;
        }
    }

    private static string Describe(ReviewDecision d)
    {
        var text = d.Status switch
        {
            ReviewDecisionStatus.Accepted => $"proposal {d.ProposalId} accepted: {d.SurvivorId} survives",
            ReviewDecisionStatus.Rejected => $"proposal {d.ProposalId} rejected: cannot-link recorded",
            ReviewDecisionStatus.Skipped => $"proposal {d.ProposalId} skipped",
            _ => $"your decision on proposal {d.ProposalId} undone: the proposal is pending again",
        };
        return text + (string.IsNullOrEmpty(d.Comment) ? "" : $" ({d.Comment})");
    }

    private static string Cut(string text) => text.Length <= 40 ? text : text[..39] + "…";

    private static void WriteTable(TextWriter w, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var r in rows) w.WriteLine(string.Join("  ", r.Select((c, i) => i == r.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        w.Flush();
    }
}
