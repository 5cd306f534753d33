using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Names.Host.Csv;
using Names.Normalization;

namespace Names.Host.Cleaning;

/// <summary>
/// The streaming `clean` pipeline: one reader thread parses CSV into batches, workers (one per core) normalise a batch
/// and format its output rows, and the writer writes batches in input order. Bounded channels keep memory flat
/// whatever the file size: at most <see cref="CleanPipelineSettings.BatchesInFlight"/> batches exist at a time.
/// The normaliser is shared: it is thread-safe (per-thread workspaces inside).
/// </summary>
public sealed class CleanPipeline(NameNormalizer normalizer, CleanPipelineSettings? settings = null)
{
    private readonly CleanPipelineSettings _settings = settings ?? new CleanPipelineSettings();
    private readonly System.Collections.Concurrent.ConcurrentQueue<CleanBatch> _pool = new();
    private long _rowsRead;

    /// <summary>Rows (records and rejected lines) read so far; safe to poll from another thread.</summary>
    public long RowsRead => Interlocked.Read(ref _rowsRead);

    /// <summary>
    /// Cleans every record after the header (already read by the caller, who validated the columns) and writes the
    /// header plus one row per party to <paramref name="output"/>. Malformed lines and rows the normaliser cannot take
    /// go to <paramref name="rejects"/>.
    /// </summary>
    public async Task<CleanResult> RunAsync(CsvRecordReader reader, CsvHeader header, CleanColumns columns,
        TextWriter output, RejectsSink rejects, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var workers = Math.Max(1, _settings.Workers);
        var ordered = Channel.CreateBounded<CleanBatch>(new BoundedChannelOptions(_settings.BatchesInFlight) { SingleReader = true, SingleWriter = true });
        var work = Channel.CreateBounded<CleanBatch>(new BoundedChannelOptions(_settings.BatchesInFlight) { SingleWriter = true });
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ct = linked.Token;

        var headerLine = new StringBuilder();
        CsvFieldWriter.AppendRow(headerLine, header.Columns.Concat(CleanOutputColumns.Party));
        await output.WriteAsync(headerLine, ct);

        var readTask = Task.Run(() => ReadBatches(reader, header.Columns.Count, rejects, ordered.Writer, work.Writer, ct), ct);
        var workerTasks = Enumerable.Range(0, workers)
            .Select(_ => Task.Run(() => NormalizeBatches(normalizer, work.Reader, columns, rejects, ct), ct)).ToArray();
        var totals = new CleanStatistics();
        try
        {
            await foreach (var batch in ordered.Reader.ReadAllAsync(ct))
            {
                await batch.Done.Task.WaitAsync(ct);
                await output.WriteAsync(batch.Output, ct);
                totals.Merge(batch.Statistics);
                batch.Reset();
                _pool.Enqueue(batch);
            }
            await output.FlushAsync(ct);
            await readTask;
            await Task.WhenAll(workerTasks);
        }
        catch
        {
            linked.Cancel();
            throw;
        }
        rejects.Flush();
        return new CleanResult(RowsRead, totals, rejects.Count, stopwatch.Elapsed);
    }

    /// <summary>Batches are reused: their output buffers are large (LOH) and re-allocating them per batch would
    /// churn gen2 collections.</summary>
    private CleanBatch RentBatch() => _pool.TryDequeue(out var batch) ? batch : new CleanBatch(_settings.BatchSize);

    private async Task ReadBatches(CsvRecordReader reader, int fieldCount, RejectsSink rejects,
        ChannelWriter<CleanBatch> ordered, ChannelWriter<CleanBatch> work, CancellationToken ct)
    {
        try
        {
            var batch = RentBatch();
            while (true)
            {
                var kind = reader.ReadNext(fieldCount, out var record, out var reject);
                if (kind == CsvReadKind.End) break;
                Interlocked.Increment(ref _rowsRead);
                if (kind == CsvReadKind.Reject) { rejects.Add(reject); continue; }
                batch.Records.Add(record);
                if (batch.Records.Count < _settings.BatchSize) continue;
                await ordered.WriteAsync(batch, ct);
                await work.WriteAsync(batch, ct);
                batch = RentBatch();
            }
            if (batch.Records.Count > 0)
            {
                await ordered.WriteAsync(batch, ct);
                await work.WriteAsync(batch, ct);
            }
            ordered.Complete();
            work.Complete();
        }
        catch (Exception e)
        {
            // A read failure midway must not be reported as an output problem.
            var reported = e is IOException io ? new CsvInputUnreadableException($"cannot read input: {io.Message}", io) : e;
            ordered.TryComplete(reported);
            work.TryComplete(reported);
            if (reported != e) throw reported;
            throw;
        }
    }

    private async Task NormalizeBatches(NameNormalizer normalizer, ChannelReader<CleanBatch> work, CleanColumns columns, RejectsSink rejects, CancellationToken ct)
    {
        await foreach (var batch in work.ReadAllAsync(ct))
        {
            try
            {
                foreach (var record in batch.Records) NormalizeRecord(normalizer, record, columns, batch, rejects);
                batch.Done.TrySetResult();
            }
            catch (Exception e)
            {
                batch.Done.TrySetException(e);
                throw;
            }
        }
    }

    private static void NormalizeRecord(NameNormalizer normalizer, CsvRecord record, CleanColumns columns, CleanBatch batch, RejectsSink rejects)
    {
        var f = record.Fields;
        var name = f[columns.Name];
        var country = columns.Country is int c ? f[c] : null;
        var kind = columns.Kind is int k ? f[k] : null;
        IReadOnlyList<Party> parties;
        try
        {
            parties = normalizer.Normalize(new NameInput(name, country, kind));
        }
        catch (Exception e)
        {
            // The normaliser promises never to throw; if it does, the row is not lost: it is a reject.
            var raw = new StringBuilder();
            CsvFieldWriter.AppendRow(raw, f);
            rejects.Add(new CsvReject(record.Line, $"normaliser error: {e.GetType().Name}: {e.Message}", raw.ToString().TrimEnd('\n')));
            return;
        }
        batch.Statistics.AddRow();
        // written straight into the batch output: no per-party strings (they were ~40% of the pipeline's allocations)
        var output = batch.Output;
        if (parties.Count == 0)
        {
            batch.Statistics.AddParty(EntityKind.Unknown, "", hasProblem: true);
            AppendInput(output, f);
            output.Append(NoPartyColumns);
            return;
        }
        foreach (var p in parties)
        {
            batch.Statistics.AddParty(p.Kind, p.LegalForm, p.Problem.Length > 0);
            AppendInput(output, f);
            AppendParty(output, p);
        }
    }

    /// <summary>The party columns (",seq,display,...,rules\n").</summary>
    private static void AppendParty(StringBuilder sb, Party p)
    {
        sb.Append(',').Append(p.PartySeq.ToString(CultureInfo.InvariantCulture));
        CsvFieldWriter.AppendField(sb, p.DisplayName, false);
        CsvFieldWriter.AppendField(sb, p.Kind.ToText(), false);
        CsvFieldWriter.AppendField(sb, p.EntitySubtype, false);
        CsvFieldWriter.AppendField(sb, p.NameKey, false);
        CsvFieldWriter.AppendField(sb, p.CompactKey, false);
        CsvFieldWriter.AppendField(sb, p.AltKey, false);
        CsvFieldWriter.AppendField(sb, p.LegalForm, false);
        CsvFieldWriter.AppendField(sb, p.ElfCode, false);
        CsvFieldWriter.AppendField(sb, p.FamilyName, false);
        CsvFieldWriter.AppendField(sb, p.GivenNames, false);
        CsvFieldWriter.AppendField(sb, p.RomanizedName, false);
        CsvFieldWriter.AppendJoinedField(sb, ';', p.Rules);
        sb.Append('\n');
    }

    private const string NoPartyColumns = ",0,,unknown,,,,,,,,,,\n";

    private static void AppendInput(StringBuilder sb, string[] fields)
    {
        for (var i = 0; i < fields.Length; i++) CsvFieldWriter.AppendField(sb, fields[i], i == 0);
    }
}

/// <summary>Batch size, workers and how many batches may be in flight (the memory bound).</summary>
public sealed record CleanPipelineSettings
{
    public int BatchSize { get; init; } = 2048;
    public int Workers { get; init; } = Environment.ProcessorCount;
    public int BatchesInFlight { get; init; } = Math.Max(4, 2 * Environment.ProcessorCount + 2);
}

/// <summary>A run's outcome: rows read (= processed + rejected), statistics, elapsed time.</summary>
public sealed record CleanResult(long Rows, CleanStatistics Statistics, long Rejected, TimeSpan Elapsed)
{
    public double RowsPerSecond => Rows / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

internal sealed class CleanBatch(int capacity)
{
    public List<CsvRecord> Records { get; } = new(capacity);
    // room for a typical batch (~170 chars per output row) so the builder stays one chunk: Clear() on a builder
    // that grew extra chunks allocates a fresh large array each time
    public StringBuilder Output { get; } = new(capacity * 256);
    public CleanStatistics Statistics { get; private set; } = new();
    public TaskCompletionSource Done { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Reset()
    {
        Records.Clear();
        Output.Clear();
        Statistics = new CleanStatistics();
        Done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
