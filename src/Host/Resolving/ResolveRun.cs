using System.Diagnostics;
using System.Globalization;
using Names.Host.Cleaning;
using Names.Host.Cli;
using Names.Host.Csv;
using Names.Host.Reports;
using Names.Resolver.Resolution;
using Names.Resolver.Storage;

namespace Names.Host.Resolving;

/// <summary>What a finished (or stopped: <see cref="RunStatistics.Stopped"/>) resolve run reports.</summary>
public sealed record ResolveOutcome(long Rows, long Rejected, RunStatistics Statistics, string Model, TimeSpan Elapsed, string RejectsPath,
    long FormulaFields = 0, long FirstFormulaLine = 0);

/// <summary>
/// One `names resolve` run: CSV in -> registry -> CSV out (input columns + party_seq, global_id, entity_kind,
/// resolution, match_score, canonical_name, name_key, org_unit, address, external_ids), rejects with line numbers, summary, optional HTML report.
/// Every input row ends in the output or in the rejects file. Crash safety: a run on an input file is resumable (see
/// <see cref="RunCheckpoint"/>): killed at any point and run again with the same arguments, it replays the committed rows
/// and finishes with the result of an uninterrupted run. The output, rejects and report files are written aside and put
/// in place at the end, and the run is marked complete in the registry only after that.
/// </summary>
public sealed class ResolveRun(CliConsole console)
{
    public static readonly string[] OutputColumns = ["party_seq", "global_id", "entity_kind", "resolution", "match_score", "canonical_name", "name_key", "org_unit", "address", "external_ids"];

    /// <param name="stop">Asks the run to stop after the current chunk, commit it and return (outcome marked stopped).</param>
    public async Task<ResolveOutcome> RunAsync(ResolveRequest request, CancellationToken ct, IResolvedRowObserver? observer = null, CancellationToken stop = default)
    {
        CommonOptions.CheckInput(request.Input);
        var rejectsPath = request.Rejects ?? CommonOptions.DefaultRejectsPath(request.Input, request.Out.Length == 0 ? "-" : request.Out);
        CommonOptions.CheckDistinct(request.Input, ("--out", request.Out.Length == 0 ? null : request.Out), ("--rejects", rejectsPath),
            ("--db", request.Registry.Pg is null ? request.Registry.Db : null), ("--report", request.Report));
        if (request.UpperThreshold is double u && request.LowerThreshold is double l && l > u)
            throw new CliUsageException($"--lower ({l}) must not be above --upper ({u})");

        // EM needs a first pass over the input: standard input is kept in a temporary file for it.
        string? spooled = null;
        var inputPath = request.Input;
        if (inputPath == "-" && request.ContextColumns.Count > 0)
        {
            spooled = Path.Combine(Path.GetTempPath(), $"names-stdin-{Guid.NewGuid():N}.csv");
            await using (var stdin = console.OpenStdin())
            await using (var file = File.Create(spooled)) await stdin.CopyToAsync(file, ct);
            inputPath = spooled;
        }
        try
        {
            return await RunFileAsync(request, inputPath, rejectsPath, observer, ct, stop);
        }
        finally
        {
            if (spooled is not null) File.Delete(spooled);
        }
    }

    private async Task<ResolveOutcome> RunFileAsync(ResolveRequest request, string inputPath, string rejectsPath, IResolvedRowObserver? observer,
        CancellationToken ct, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var file = CsvInputFile.Open(inputPath, console.OpenStdin);
        using var reader = new CsvRecordReader(CsvCharSource.Open(file.Stream));
        var header = new CsvHeader(reader.ReadHeader() ?? throw new CliIoException($"input '{file.DisplayName}' is empty: a header row is needed"));
        var columns = ResolveColumns.From(header, request);
        var fieldCount = header.Columns.Count;

        await using var store = await request.Registry.OpenAsync(mustExist: false, ct);
        using var rejects = RejectsSink.ForPath(rejectsPath, console, staged: true, protectFormulas: request.ProtectFormulas);
        var source = new ResolveRowSource(reader, fieldCount, columns, request.DefaultKind, rejects);
        var (scorer, model) = await new ModelSelection(store).ChooseAsync(
            () => new CsvRecordReader(CsvCharSource.Open(CsvInputFile.Open(inputPath, console.OpenStdin).Stream)),
            source.ToInput, fieldCount, request.ContextColumns, file.DisplayName, ct);

        var defaults = new ResolutionOptions();
        var chunkSize = Math.Min(defaults.ChunkSize, request.BatchSize ?? defaults.ChunkSize);
        var options = defaults with
        {
            Seed = request.Seed,
            SourceFile = Path.GetFileName(file.DisplayName),
            UpperThreshold = request.UpperThreshold ?? defaults.UpperThreshold,
            LowerThreshold = request.LowerThreshold ?? defaults.LowerThreshold,
            BatchSize = request.BatchSize ?? defaults.BatchSize,
            ChunkSize = chunkSize,
            KeepUnits = request.KeepUnits,
            // Standard input cannot be read again, so only a file (or spooled stdin) is resumable.
            RunFingerprint = inputPath == "-" ? null : await RunFingerprint.ComputeAsync(inputPath, request, chunkSize, ct),
        };
        using var index = await request.Registry.OpenIndexAsync(store, line => console.Error.WriteLine("names resolve: " + line), ct);
        var engine = await ResolutionEngine.OpenAsync(store, options, scorer, ct: ct, index: index);

        // An empty Out discards the rows (eval without --out).
        using var output = request.Out.Length == 0 ? null : StagedOutputFile.Open(request.Out, console);
        using var csv = CsvRowWriter.To(output?.Writer ?? TextWriter.Null, request.ProtectFormulas);
        var run = WriteAsync(engine, source, header, csv, rejects, observer, ct, stop);
        await new TerminalProgress(console).TrackAsync("resolving", () => new ProgressSnapshot(source.RowsRead, reader.Source.BytesRead, file.Length), run);
        csv.Dispose(); // flushed: the output file may now be put in place (and closed)
        rejects.Flush();

        if (reader.Source.EncodingWarning is { } warning) await console.Error.WriteLineAsync($"names resolve: warning: {warning}");
        var outcome = new ResolveOutcome(source.RowsRead, rejects.Count, engine.Statistics, model, clock.Elapsed, rejects.Path,
            csv.FormulaFields, csv.FirstFormulaLine);
        // A stopped run leaves no output files: the run that resumes it writes them whole.
        if (engine.Statistics.Stopped) return outcome;
        if (output is not null) await output.CommitAsync(ct);
        rejects.Commit();
        if (request.Report is not null)
            await new HtmlReportWriter().WriteAsync(request.Report, await ReportOf(outcome, file.DisplayName, request.Registry.ToString(), store, ct), console, ct);
        await engine.CompleteRunAsync(ct);
        return outcome;
    }

    private static async Task<bool> WriteAsync(ResolutionEngine engine, ResolveRowSource source, CsvHeader header, CsvRowWriter output,
        RejectsSink rejects, IResolvedRowObserver? observer, CancellationToken ct, CancellationToken stop)
    {
        output.Line = 1;
        output.Row(header.Columns.Concat(OutputColumns));
        long currentLine = -1;
        var written = 0;
        string? problem = null;

        void FinishRow()
        {
            if (currentLine < 0) return;
            var fields = source.FieldsOf(currentLine);
            if (written == 0)
                rejects.Add(new CsvReject(currentLine, $"no usable party: {(string.IsNullOrEmpty(problem) ? "empty name" : problem)}", CsvRowWriter.RowText(fields)));
            source.Done(currentLine);
        }

        try
        {
            await foreach (var p in engine.ResolveAsync(source.ReadAsync(ct), ct, stop))
            {
                if (p.Input.Row != currentLine)
                {
                    FinishRow();
                    currentLine = p.Input.Row;
                    written = 0;
                    problem = null;
                }
                if (p.Resolution == ResolutionKind.Rejected || p.GlobalId.Length == 0)
                {
                    problem = p.Problem;
                    continue;
                }
                var fields = source.FieldsOf(currentLine);
                output.Line = currentLine;
                foreach (var field in fields) output.Field(field);
                output.Field(p.PartySeq);
                output.Field(p.GlobalId);
                output.Field(p.EntityKind);
                output.Field(p.Resolution);
                output.Field(p.MatchScore.ToString("0.0000", CultureInfo.InvariantCulture));
                output.Field(p.CanonicalName);
                output.Field(p.NameKey);
                output.Field(p.Party.OrgUnit);
                output.Field(p.Party.Address);
                output.Field(p.ExternalIds);
                await output.EndRowAsync(ct);
                written++;
                observer?.Observe(p, fields);
            }
            FinishRow();
            await output.FlushAsync(ct);
            return true;
        }
        catch (IOException e)
        {
            throw new CliIoException($"cannot write output: {e.Message}", e);
        }
    }

    private static async Task<ResolveReport> ReportOf(ResolveOutcome o, string input, string db, IRegistryStore store, CancellationToken ct)
    {
        var s = o.Statistics;
        var largest = new List<ReportCluster>();
        foreach (var (id, name, rows) in s.LargestClusters.Take(20))
        {
            var variants = await store.GetVariantsOfEntityAsync(id, ct);
            var entity = await store.GetEntityAsync(id, ct);
            largest.Add(new ReportCluster(id, name, entity?.Kind ?? "", rows, variants.Count,
                variants.Select(v => v.DisplayName).Where(n => n != name).Distinct().Take(6).ToArray()));
        }
        return new ResolveReport
        {
            Title = "Names resolve report",
            GeneratedAt = DateTimeOffset.UtcNow,
            Input = input,
            Registry = db,
            Rows = o.Rows, Parties = s.Parties, Rejected = o.Rejected, Matched = s.Matched, New = s.New, Review = s.Review,
            PendingReviewTotal = s.PendingReviews, Seconds = o.Elapsed.TotalSeconds,
            LowerThreshold = s.LowerThreshold, UpperThreshold = s.UpperThreshold, ModelVersion = o.Model,
            ScoreHistogram = s.ScoreHistogram,
            ClusterSizes = s.ClusterSizes.ToDictionary(kv => kv.Key, kv => (long)kv.Value),
            LargestClusters = largest,
            Accuracy = s.Accuracy,
        };
    }
}
