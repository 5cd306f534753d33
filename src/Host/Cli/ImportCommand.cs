using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Names.Host.Authorities;
using Names.Host.Cleaning;
using Names.Host.Csv;
using Names.Normalization;
using Names.Resolver.ExternalIds;
using Names.Resolver.Resolution;
using Names.Resolver.Storage.Sqlite;

namespace Names.Host.Cli;

/// <summary>
/// <c>names import gleif|ror FILE</c>: an authority's file into the registry (<see cref="AuthorityImporter"/>): each
/// record an entity holding its identifier, or the entity that holds it already. Streams; commits every
/// <see cref="BatchSize"/> records; run again after an interruption, it skips what was imported.
/// </summary>
public static class ImportCommand
{
    public const int BatchSize = 2000;

    public static Command Create(CliConsole console)
    {
        var import = new Command("import", "Import an authority's records (GLEIF LEI records, ROR organisations) as entities holding their identifiers.");
        import.Subcommands.Add(Authority(console, "gleif", "the GLEIF golden copy (LEI-CDF CSV, GLEIF's column names)", s => new GleifGoldenCopyFile(s)));
        import.Subcommands.Add(Authority(console, "ror", "a ROR data dump (schema v2 JSON)", s => new RorDumpFile(s)));
        return import;
    }

    /// <summary>What an import run did: its statistics, records read, rejects, time.</summary>
    public sealed record ImportOutcome(ImportStatistics Statistics, long RecordsRead, long Rejects, TimeSpan Elapsed);

    private static Command Authority(CliConsole console, string name, string what, Func<Stream, IAuthorityFile> open)
    {
        var registry = new RegistryOptions();
        var input = new Argument<string>("FILE") { Description = what };
        var limit = new Option<long?>("--limit") { Description = "import the first N records only (a trial)" };
        var rejects = new Option<string?>("--rejects") { Description = "where malformed records go (line or index, reason); default FILE.rejects.csv in the current directory" };
        var command = new Command(name, $"Import {what}.") { input, limit, rejects };
        registry.AddTo(command);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "import " + name, async () =>
        {
            var path = parse.GetValue(input)!;
            if (parse.GetValue(limit) is <= 0) throw new CliUsageException("--limit must be positive");
            var outcome = await RunAsync(console, registry.Bind(parse), path, open, parse.GetValue(limit) ?? long.MaxValue,
                parse.GetValue(rejects) ?? DefaultRejectsPath(path), "import:" + name, ct);
            var s = outcome.Statistics;
            string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
            var summary = new CliSummary($"names import {name}: {N(s.Records)} records imported")
                .Add("file", path)
                .Add("records read", N(outcome.RecordsRead) + (outcome.Rejects > 0 ? $" ({N(outcome.Rejects)} rejects)" : ""))
                .Add("entities", $"{N(s.EntitiesCreated)} new, {N(s.RecordsKnown)} already holding their identifier ({N(s.StatusesUpdated)} with a new status)")
                .Add("names", $"{N(s.NamesAdded)} added, {N(s.NamesHeldElsewhere)} held by an entity of another identifier, {N(s.NamesUnusable)} unusable")
                .Add("identifiers", $"{N(s.IdsLinked)} linked, {N(s.IdsHeldElsewhere)} held by another entity")
                .Add("successor merges", N(s.Merged) + (s.MergesRefused.Count > 0 ? $" ({N(s.MergesRefused.Count)} refused)" : ""))
                .Add("events", N(s.Events))
                .Add("time", string.Create(CultureInfo.InvariantCulture, $"{outcome.Elapsed.TotalSeconds:F1} s, {s.Records / Math.Max(0.001, outcome.Elapsed.TotalSeconds):N0} records/s"));
            summary.WriteTo(console.Out);
            foreach (var refused in s.MergesRefused.Take(20)) await console.Out.WriteLineAsync("  merge refused: " + refused);
            if (outcome.Rejects > 0) await console.Error.WriteLineAsync($"names import {name}: {N(outcome.Rejects)} rejects written to {parse.GetValue(rejects) ?? DefaultRejectsPath(path)}");
            return CliExitCodes.Done;
        }));
        return command;
    }

    /// <summary>FILE.rejects.csv in the current directory: an authority's download folder is often read-only.</summary>
    public static string DefaultRejectsPath(string path) => Path.GetFullPath(Path.GetFileNameWithoutExtension(path) + ".rejects.csv");

    /// <summary>Imports the file; a file not in the format throws <see cref="InvalidDataException"/> before anything is written.</summary>
    public static async Task<ImportOutcome> RunAsync(CliConsole console, RegistryLocation location, string path, Func<Stream, IAuthorityFile> open,
        long limit, string rejectsPath, string actor, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var input = CsvInputFile.Open(path, console.OpenStdin);
        await using var stream = input.Stream;
        var file = open(stream);
        await using var store = await location.OpenAsync(mustExist: false, ct);
        // The import writes mostly new pages and reads what it compares with once: a small page cache does as well
        // (same CPU on 100,000 GLEIF records) and keeps it inside its memory floor.
        if (store is SqliteRegistryStore sqlite) await sqlite.SetCacheSizeAsync(16, ct);
        using var normalizer = await NameNormalizer.CreateDefaultAsync(ct);
        var importer = await AuthorityImporter.OpenAsync(store, normalizer, Path.GetFileName(path), actor, new ResolutionOptions().Seed, ct);
        using var rejects = RejectsSink.ForPath(rejectsPath, console, staged: true);
        void Refused(IReadOnlyList<(AuthorityRecord Record, string Reason)> refused)
        {
            foreach (var (record, reason) in refused) rejects.Add(new CsvReject(record.Position, reason, record.Id.ToString()));
        }
        // The file is read and its names normalised on all cores a few chunks ahead of the one writer (bounded, so memory stays flat).
        var chunks = Channel.CreateBounded<(PreparedRecords Records, List<CsvReject> Rejects)>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct); // the writer failing stops the reader
        var read = Task.Run(async () =>
        {
            try
            {
                var batch = new List<AuthorityRecord>(BatchSize);
                var rejected = new List<CsvReject>();
                await foreach (var item in file.ReadAsync(stop.Token))
                {
                    if (item.Reject is { } reject) rejected.Add(reject);
                    else batch.Add(item.Record!);
                    if (batch.Count == BatchSize || file.RecordsRead >= limit)
                    {
                        await chunks.Writer.WriteAsync((importer.Prepare(batch, stop.Token), rejected), stop.Token);
                        (batch, rejected) = (new List<AuthorityRecord>(BatchSize), new List<CsvReject>());
                    }
                    if (file.RecordsRead >= limit) break;
                }
                if (batch.Count > 0 || rejected.Count > 0) await chunks.Writer.WriteAsync((importer.Prepare(batch, stop.Token), rejected), stop.Token);
                chunks.Writer.Complete();
            }
            catch (Exception e)
            {
                chunks.Writer.Complete(e);
            }
        }, CancellationToken.None);
        var work = Task.Run(async () =>
        {
            try
            {
                await foreach (var (prepared, rejected) in chunks.Reader.ReadAllAsync(ct))
                {
                    foreach (var reject in rejected) rejects.Add(reject);
                    Refused(await importer.ImportAsync(prepared, ct));
                }
            }
            finally
            {
                await stop.CancelAsync();
                await read;
            }
            await importer.FinishAsync(ct);
            return 0;
        }, ct);
        await new TerminalProgress(console).TrackAsync("importing", () => new ProgressSnapshot(file.RecordsRead, file.BytesRead, input.Length), work);
        rejects.Commit();
        return new ImportOutcome(importer.Statistics, file.RecordsRead, rejects.Count, clock.Elapsed);
    }
}
