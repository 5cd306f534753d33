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

        var repeated = _settings.RepeatedNames > 0 ? new RepeatedNameCache(_settings.RepeatedNames) : null;
        var readTask = Task.Run(() => ReadBatches(reader, header.Columns.Count, columns, rejects, ordered.Writer, work.Writer, ct), ct);
        var workerTasks = Enumerable.Range(0, workers)
            .Select(_ => Task.Run(() => NormalizeBatches(normalizer, repeated, work.Reader, rejects, ct), ct)).ToArray();
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

    private async Task ReadBatches(CsvRecordReader reader, int fieldCount, CleanColumns columns, RejectsSink rejects,
        ChannelWriter<CleanBatch> ordered, ChannelWriter<CleanBatch> work, CancellationToken ct)
    {
        try
        {
            var repeated = new RepeatedFieldValues();
            var batch = RentBatch();
            while (true)
            {
                var kind = reader.ReadNextFields(fieldCount, out var line, out var reject);
                if (kind == CsvReadKind.End) break;
                Interlocked.Increment(ref _rowsRead);
                if (kind == CsvReadKind.Reject) { rejects.Add(reject); continue; }
                batch.Add(reader, line, columns, repeated);
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

    private async Task NormalizeBatches(NameNormalizer normalizer, RepeatedNameCache? repeated, ChannelReader<CleanBatch> work,
        RejectsSink rejects, CancellationToken ct)
    {
        var formatted = new FormattedParties();
        await foreach (var batch in work.ReadAllAsync(ct))
        {
            try
            {
                foreach (var record in batch.Records) NormalizeRecord(normalizer, repeated, formatted, record, batch, rejects);
                batch.Done.TrySetResult();
            }
            catch (Exception e)
            {
                batch.Done.TrySetException(e);
                throw;
            }
        }
    }

    private static void NormalizeRecord(NameNormalizer normalizer, RepeatedNameCache? repeated, FormattedParties formatted,
        CleanRecord record, CleanBatch batch, RejectsSink rejects)
    {
        int hash = 0;
        if (repeated is not null && repeated.TryWrite(record, batch, out hash))
        {
            batch.Statistics.AddRow();
            return;
        }
        IReadOnlyList<Party> parties;
        try
        {
            parties = normalizer.Normalize(new NameInput(record.Name, record.Country, record.Kind));
        }
        catch (Exception e)
        {
            // The normaliser promises never to throw; if it does, the row is not lost: it is a reject.
            rejects.Add(new CsvReject(record.Line, $"normaliser error: {e.GetType().Name}: {e.Message}", batch.Input.ToString(record.InputStart, record.InputLength)));
            return;
        }
        batch.Statistics.AddRow();
        formatted.Format(parties);
        // each party row = the row's input columns + the party's columns
        int start = 0;
        foreach (var party in formatted.Parties)
        {
            batch.Statistics.AddParty(party.Kind, party.LegalForm, party.HasProblem);
            batch.Output.Append(batch.Input, record.InputStart, record.InputLength);
            batch.Output.Append(formatted.Columns, start, party.End - start);
            start = party.End;
        }
        repeated?.Add(record, hash, formatted.Columns, formatted.Parties);
    }

    /// <summary>A worker's scratch space: the party columns of the record at hand, back to back.</summary>
    private sealed class FormattedParties
    {
        private readonly List<CachedParty> _parties = new(4);
        public StringBuilder Columns { get; } = new(1024);
        public ReadOnlySpan<CachedParty> Parties => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_parties);

        public void Format(IReadOnlyList<Party> parties)
        {
            Columns.Clear();
            _parties.Clear();
            if (parties.Count == 0)
            {
                Columns.Append(NoPartyColumns);
                _parties.Add(new CachedParty(EntityKind.Unknown, "", true, Columns.Length));
                return;
            }
            foreach (var p in parties)
            {
                AppendParty(Columns, p);
                _parties.Add(new CachedParty(p.Kind, p.LegalForm, p.Problem.Length > 0, Columns.Length));
            }
        }
    }

    /// <summary>The party columns (",seq,display,...,rules\n").</summary>
    private static void AppendParty(StringBuilder sb, Party p)
    {
        sb.Append(CultureInfo.InvariantCulture, $",{p.PartySeq}");
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
}

/// <summary>Batch size, workers and how many batches may be in flight (the memory bound).</summary>
public sealed record CleanPipelineSettings
{
    public int BatchSize { get; init; } = 2048;
    public int Workers { get; init; } = Environment.ProcessorCount;
    public int BatchesInFlight { get; init; } = Math.Max(4, 2 * Environment.ProcessorCount + 2);
    /// <summary>Distinct recent inputs per generation of the <see cref="RepeatedNameCache"/> (two generations; 0: no
    /// cache).</summary>
    public int RepeatedNames { get; init; } = 65_536;
}

/// <summary>A run's outcome: rows read (= processed + rejected), statistics, elapsed time.</summary>
public sealed record CleanResult(long Rows, CleanStatistics Statistics, long Rejected, TimeSpan Elapsed)
{
    public double RowsPerSecond => Rows / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>A row of a batch: the fields the normaliser takes, and where the row's input columns (as CSV text) are in
/// <see cref="CleanBatch.Input"/>.</summary>
internal readonly record struct CleanRecord(long Line, string Name, string? Country, string? Kind, int InputStart, int InputLength);

internal sealed class CleanBatch(int capacity)
{
    public List<CleanRecord> Records { get; } = new(capacity);
    /// <summary>The input columns of every row, as written back in front of each of its party rows: formatted once
    /// per row, and no string per field (most fields are only copied through).</summary>
    public StringBuilder Input { get; } = new(capacity * 128);
    // room for a typical batch (~170 chars per output row) so the builder stays one chunk: Clear() on a builder
    // that grew extra chunks allocates a fresh large array each time
    public StringBuilder Output { get; } = new(capacity * 256);
    public CleanStatistics Statistics { get; private set; } = new();
    public TaskCompletionSource Done { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(CsvRecordReader reader, long line, CleanColumns columns, RepeatedFieldValues repeated)
    {
        int start = Input.Length;
        if (reader.TryGetPlainRecord(out var plain)) Input.Append(plain);
        else for (int i = 0; i < reader.FieldCount; i++) reader.AppendField(Input, i, i == 0);
        Records.Add(new CleanRecord(line, reader.FieldText(columns.Name),
            columns.Country is int c ? repeated.Get(reader, c) : null,
            columns.Kind is int k ? repeated.Get(reader, k) : null,
            start, Input.Length - start));
    }

    public void Reset()
    {
        Records.Clear();
        Input.Clear();
        Output.Clear();
        Statistics = new CleanStatistics();
        Done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
