using System.CommandLine;
using System.Globalization;
using Names.Host.Resolving;

namespace Names.Host.Cli;

/// <summary><c>names resolve</c>: every party of every row gets its persistent global id (issue 3).</summary>
public static class ResolveCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new ResolveOptions();
        var output = CommonOptions.Out();
        var rejects = new Option<string?>("--rejects") { Description = "CSV for rows that cannot be processed (line,reason,raw); default next to --out or the input" };
        var report = new Option<string?>("--report") { Description = "write a self-contained HTML report (charts, largest clusters) to this file" };
        var protectFormulas = CommonOptions.ProtectFormulas();
        var command = new Command("resolve", "Resolve every party of a names CSV to a persistent global id: the input columns, then " +
                                             "party_seq, global_id, entity_kind, resolution (matched|new|review), match_score, canonical_name, name_key. " +
                                             "A killed or interrupted run resumes when run again with the same arguments. " +
                                             "Exit codes: 0 done (even with rejects), 1 input unreadable, output unwritable or registry refused, 2 usage error, " +
                                             "130 stopped by Ctrl-C/SIGTERM after committing the current batch (run again to resume).");
        options.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(rejects);
        command.Options.Add(report);
        command.Options.Add(protectFormulas);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "resolve", async () =>
        {
            var request = options.Bind(parse) with { Out = parse.GetValue(output)!, Rejects = parse.GetValue(rejects), Report = parse.GetValue(report),
                ProtectFormulas = parse.GetValue(protectFormulas) };
            // Ctrl-C / SIGTERM (ct) asks for a clean stop after the current chunk; the work itself is not cancelled midway.
            var outcome = await new ResolveRun(console).RunAsync(request, CancellationToken.None, stop: ct);
            if (outcome.Statistics.Stopped)
            {
                Summary(outcome, request, "names resolve: stopped on request after a committed batch").WriteTo(console.Error);
                return CliExitCodes.Cancelled;
            }
            Summary(outcome, request).WriteTo(console.Error);
            return CliExitCodes.Done;
        }));
        return command;
    }

    /// <summary>The run's estimate of its own accuracy, one line (null when the run did not finish).</summary>
    public static string? EstimateLine(Names.Resolver.Evaluation.AccuracyEstimate? e) => e is null ? null : string.Create(CultureInfo.InvariantCulture,
        $"estimated without labels: B-cubed precision {e.BCubedPrecision:0.000}, recall {e.BCubedRecall:0.000}; expected {e.ExpectedFalseLinks:0.#} wrong of {e.Links:N0} links, " +
        $"{e.ExpectedMissedLinks:0.#} missed among {e.PairsApart:N0} entity pairs kept apart (pairs never compared are not counted)");

    public static CliSummary Summary(ResolveOutcome o, ResolveRequest request, string title = "names resolve: done")
    {
        var s = o.Statistics;
        var inv = CultureInfo.InvariantCulture;
        string N(long n) => n.ToString("N0", inv);
        var summary = new CliSummary(title);
        if (s.ResumedRows > 0)
            summary.Add("resumed", $"from row {N(s.ResumedRows + 1)} (batch {s.ResumedBatches + 1}): rows 1-{N(s.ResumedRows)} (to input line {N(s.ResumedLastLine)}) " +
                                   $"were committed in {s.ResumedBatches} batches by an interrupted run and replayed without writing");
        if (s.NotResumed is not null) summary.Add("note", s.NotResumed);
        if (s.Stopped)
            summary.Add("stopped", $"{N(Math.Max(s.Rows, s.ResumedRows))} rows resolved and committed; no output written yet. " +
                                   $"Run the same command again to resume from row {N(Math.Max(s.Rows, s.ResumedRows) + 1)}");
        summary
            .Add("input", request.Input)
            .Add("registry", request.Registry.ToString())
            .Add("model", o.Model)
            .Add("rows", $"{N(o.Rows)} = {N(o.Rows - o.Rejected)} resolved + {N(o.Rejected)} rejected")
            .Add("parties", $"{N(s.Parties)}: matched {N(s.Matched)}, new {N(s.New)}, review {N(s.Review)}")
            .Add("variants", $"{N(s.KnownVariants)} known, {N(s.NewVariants)} new; {N(s.NewEntities)} ids minted")
            .Add("review", $"{N(s.ProposalsCreated)} proposals made, {N(s.PendingReviews)} pending in the registry")
            .Add("thresholds", $"review >= {s.LowerThreshold.ToString("0.00", inv)}, auto-link >= {s.UpperThreshold.ToString("0.00", inv)}")
            .AddIf("accuracy", EstimateLine(s.Accuracy))
            .Add("rejects", o.Rejected == 0 ? "none" : $"{N(o.Rejected)} in {o.RejectsPath}")
            .AddIf("formulas", CommonOptions.FormulaWarning(o.FormulaFields, o.FirstFormulaLine, request.ProtectFormulas))
            .Add("time", $"{o.Elapsed.TotalSeconds.ToString("F2", inv)} s, {(o.Rows / Math.Max(0.001, o.Elapsed.TotalSeconds)).ToString("N0", inv)} rows/s");
        if (request.Report is not null) summary.Add("report", request.Report);
        return summary;
    }
}
