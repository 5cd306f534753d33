using System.CommandLine;
using System.Globalization;
using System.Text;
using Names.Host.Cleaning;
using Names.Host.Csv;
using Names.Normalization;

namespace Names.Host.Cli;

/// <summary><c>names clean</c>: every party of every row, cleaned, classified and keyed (issue 2).</summary>
public static class CleanCommand
{
    public static Command Create(CliConsole console)
    {
        var input = CommonOptions.Input();
        var column = CommonOptions.NameColumn();
        var country = CommonOptions.CountryColumn();
        var kind = CommonOptions.KindColumn();
        var output = CommonOptions.Out();
        var rejects = new Option<string?>("--rejects")
        {
            Description = "CSV for lines that cannot be processed (line,reason,raw), - for stderr. Default: OUT.rejects.csv " +
                          "next to --out, else INPUT.rejects.csv next to the input; created only when there are rejects",
        };
        var protectFormulas = CommonOptions.ProtectFormulas();
        var command = new Command("clean", "Clean, classify and key every party of a names CSV: the input columns, then one row per party. " +
                                           "Exit codes: 0 done (even with rejects), 1 input unreadable or output unwritable, 2 usage error.")
        {
            input, column, country, kind, output, rejects, protectFormulas,
        };
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "clean", () => RunAsync(console, new CleanRequest(
            parse.GetValue(input)!, parse.GetValue(column)!, parse.GetValue(country), parse.GetValue(kind),
            parse.GetValue(output)!, parse.GetValue(rejects), parse.GetValue(protectFormulas)), ct)));
        return command;
    }

    public sealed record CleanRequest(string Input, string Column, string? CountryColumn, string? KindColumn, string Out, string? Rejects,
        bool ProtectFormulas = false);

    public static async Task<int> RunAsync(CliConsole console, CleanRequest request, CancellationToken ct,
        NameNormalizer? normalizer = null, CleanPipelineSettings? settings = null)
    {
        CommonOptions.CheckInput(request.Input);
        var rejectsPath = request.Rejects ?? CommonOptions.DefaultRejectsPath(request.Input, request.Out);
        CommonOptions.CheckDistinct(request.Input, ("--out", request.Out), ("--rejects", rejectsPath));
        var file = CsvInputFile.Open(request.Input, console.OpenStdin);
        using var reader = new CsvRecordReader(CsvCharSource.Open(file.Stream));
        var headerFields = reader.ReadHeader()
            ?? throw new CliIoException($"input '{file.DisplayName}' is empty: a header row is needed");
        var header = new CsvHeader(headerFields);
        var columns = new CleanColumns(
            header.Require(request.Column, "--column"),
            request.CountryColumn is null ? null : header.Require(request.CountryColumn, "--country-column"),
            request.KindColumn is null ? null : header.Require(request.KindColumn, "--kind-column"));

        using var output = OutputFile.OpenStream(request.Out, console);
        using var rejects = RejectsSink.ForPath(rejectsPath, console, protectFormulas: request.ProtectFormulas);
        var pipeline = new CleanPipeline(normalizer ?? await NameNormalizer.CreateDefaultAsync(ct),
            (settings ?? new CleanPipelineSettings()) with { ProtectFormulas = request.ProtectFormulas });
        CleanResult result;
        try
        {
            var run = pipeline.RunAsync(reader, header, columns, output, rejects, ct);
            result = await new TerminalProgress(console).TrackAsync("cleaning",
                () => new ProgressSnapshot(pipeline.RowsRead, reader.Source.BytesRead, file.Length), run);
        }
        catch (IOException e)
        {
            throw new CliIoException($"cannot write output '{request.Out}': {e.Message}", e);
        }

        if (reader.Source.EncodingWarning is { } warning) await console.Error.WriteLineAsync($"names clean: warning: {warning}");
        Summarize(result, file.DisplayName, reader.Source.EncodingName, rejects, request.ProtectFormulas).WriteTo(console.Error);
        return CliExitCodes.Done;
    }

    private static CliSummary Summarize(CleanResult r, string input, string encoding, RejectsSink rejects, bool protectFormulas)
    {
        var s = r.Statistics;
        var inv = CultureInfo.InvariantCulture;
        string N(long n) => n.ToString("N0", inv);
        var forms = s.TopLegalForms(8).Select(kv => $"{kv.Key} {N(kv.Value)}").ToList();
        return new CliSummary("names clean: done")
            .Add("input", $"{input} ({encoding})")
            .Add("rows", $"{N(r.Rows)} = {N(s.Processed)} processed + {N(r.Rejected)} rejected")
            .Add("parties", N(s.Parties))
            .Add("kinds", $"person {N(s.Persons)}, legal_entity {N(s.LegalEntities)}, unknown {N(s.Unknown)}")
            .Add("legal forms", forms.Count == 0 ? "none found" : $"{N(s.LegalForms.Values.Sum())} found; top: {string.Join(", ", forms)}")
            .Add("unusable names", N(s.WithProblem))
            .Add("rejects", r.Rejected == 0 ? "none" : $"{N(r.Rejected)} in {rejects.Path}")
            .AddIf("formulas", CommonOptions.FormulaWarning(s.FormulaFields, s.FirstFormulaLine, protectFormulas))
            .Add("time", $"{r.Elapsed.TotalSeconds.ToString("F2", inv)} s, {r.RowsPerSecond.ToString("N0", inv)} rows/s");
    }
}
