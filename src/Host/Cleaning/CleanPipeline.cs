using System.Buffers;
using System.Diagnostics;
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
    /// header plus one row per party to <paramref name="output"/> as UTF-8. Malformed lines and rows the normaliser
    /// cannot take go to <paramref name="rejects"/>.
    /// </summary>
    public async Task<CleanResult> RunAsync(CsvRecordReader reader, CsvHeader header, CleanColumns columns,
        Stream output, RejectsSink rejects, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var workers = Math.Max(1, _settings.Workers);
        var ordered = Channel.CreateBounded<CleanBatch>(new BoundedChannelOptions(_settings.BatchesInFlight) { SingleReader = true, SingleWriter = true });
        var work = Channel.CreateBounded<CleanBatch>(new BoundedChannelOptions(_settings.BatchesInFlight) { SingleWriter = true });
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ct = linked.Token;

        var headerLine = new ArrayBufferWriter<byte>();
        var totals = new CleanStatistics();
        using (var headerWriter = CsvRowWriter.InMemory(_settings.ProtectFormulas))
        {
            headerWriter.Row(header.Columns.Concat(CleanOutputColumns.Party));
            headerWriter.MoveTo(headerLine);
            totals.AddFormulaFields(headerWriter.FormulaFields, 1);
        }
        await output.WriteAsync(headerLine.WrittenMemory, ct);

        var repeated = _settings.RepeatedNames > 0 ? new RepeatedNameCache(_settings.RepeatedNames) : null;
        var readTask = Task.Run(() => ReadBatches(reader, header.Columns.Count, columns, rejects, ordered.Writer, work.Writer, ct), ct);
        var workerTasks = Enumerable.Range(0, workers)
            .Select(_ => Task.Run(() => NormalizeBatches(normalizer, repeated, work.Reader, rejects, ct), ct)).ToArray();
        try
        {
            await foreach (var batch in ordered.Reader.ReadAllAsync(ct))
            {
                await batch.Done.Task.WaitAsync(ct);
                await output.WriteAsync(batch.Output.WrittenMemory, ct);
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
            using var fields = CsvRowWriter.InMemory(_settings.ProtectFormulas);
            var batch = RentBatch();
            while (true)
            {
                var kind = reader.ReadNextFields(fieldCount, out var line, out var reject);
                if (kind == CsvReadKind.End) break;
                Interlocked.Increment(ref _rowsRead);
                if (kind == CsvReadKind.Reject) { rejects.Add(reject); continue; }
                batch.Add(reader, line, columns, fields, _settings.ProtectFormulas);
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
        using var formatted = new FormattedParties(_settings.ProtectFormulas);
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
            rejects.Add(new CsvReject(record.Line, $"normaliser error: {e.GetType().Name}: {e.Message}", Encoding.UTF8.GetString(batch.Input.WrittenSpan.Slice(record.InputStart, record.InputLength))));
            return;
        }
        batch.Statistics.AddRow();
        formatted.Format(parties);
        // each party row = the row's input columns + the party's columns
        int start = 0;
        foreach (var party in formatted.Parties)
        {
            batch.Statistics.AddParty(party.Kind, party.LegalForm, party.HasProblem);
            batch.Statistics.AddFormulaFields(record.FormulaFields + party.FormulaFields, record.Line);
            batch.Output.Append(batch.Input.WrittenSpan.Slice(record.InputStart, record.InputLength));
            batch.Output.Append(formatted.Columns.WrittenSpan[start..party.End]);
            start = party.End;
        }
        repeated?.Add(record, hash, formatted.Columns.WrittenSpan, formatted.Parties);
    }

    /// <summary>A worker's scratch space: the party columns of the record at hand, back to back.</summary>
    private sealed class FormattedParties(bool protectFormulas) : IDisposable
    {
        private readonly CsvRowWriter _writer = CsvRowWriter.InMemory(protectFormulas);
        private readonly List<CachedParty> _parties = new(4);
        public ArrayBufferWriter<byte> Columns { get; } = new(1024);
        public ReadOnlySpan<CachedParty> Parties => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_parties);

        public void Format(IReadOnlyList<Party> parties)
        {
            Columns.ResetWrittenCount();
            _parties.Clear();
            if (parties.Count == 0)
            {
                Columns.Append(NoPartyColumns);
                _parties.Add(new CachedParty(EntityKind.Unknown, "", true, Columns.WrittenCount, 0));
                return;
            }
            foreach (var p in parties)
            {
                var before = _writer.FormulaFields;
                Columns.Append(","u8);
                WriteParty(p);
                _writer.MoveTo(Columns);
                _parties.Add(new CachedParty(p.Kind, p.LegalForm, p.Problem.Length > 0, Columns.WrittenCount, (int)(_writer.FormulaFields - before)));
            }
        }

        /// <summary>The party columns (seq,display,...,rules), after the input's.</summary>
        private void WriteParty(Party p)
        {
            _writer.Field(p.PartySeq);
            _writer.Field(p.DisplayName);
            _writer.Field(p.Kind.ToText());
            _writer.Field(p.EntitySubtype);
            _writer.Field(p.NameKey);
            _writer.Field(p.CompactKey);
            _writer.Field(p.AltKey);
            _writer.Field(p.LegalForm);
            _writer.Field(p.ElfCode);
            _writer.Field(p.FamilyName);
            _writer.Field(p.GivenNames);
            _writer.Field(p.RomanizedName);
            _writer.Field(p.OrgUnit);
            _writer.Field(p.Address);
            _writer.JoinedField(';', p.Rules);
            _writer.EndRow();
        }

        public void Dispose() => _writer.Dispose();
    }

    private static ReadOnlySpan<byte> NoPartyColumns => ",0,,unknown,,,,,,,,,,,,\n"u8;
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
    /// <summary>Fields that start like a spreadsheet formula are written quoted behind a <c>'</c>.</summary>
    public bool ProtectFormulas { get; init; }
}

/// <summary>A run's outcome: rows read (= processed + rejected), statistics, elapsed time.</summary>
public sealed record CleanResult(long Rows, CleanStatistics Statistics, long Rejected, TimeSpan Elapsed)
{
    public double RowsPerSecond => Rows / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>A row of a batch: the fields the normaliser takes, and where the row's input columns (as CSV text) are in
/// <see cref="CleanBatch.Input"/>.</summary>
internal readonly record struct CleanRecord(long Line, string Name, string? Country, string? Kind, int InputStart, int InputLength, int FormulaFields);

internal sealed class CleanBatch(int capacity)
{
    public List<CleanRecord> Records { get; } = new(capacity);
    /// <summary>The input columns of every row as UTF-8, as written back in front of each of its party rows: formatted
    /// once per row, and no string per field (most fields are only copied through, byte for byte).</summary>
    public ArrayBufferWriter<byte> Input { get; } = new(capacity * 128);
    /// <summary>The batch's output rows as UTF-8, written to the output as they are (room for a typical batch, ~170
    /// bytes per output row; the buffer is kept when the batch is reused).</summary>
    public ArrayBufferWriter<byte> Output { get; } = new(capacity * 256);
    public CleanStatistics Statistics { get; private set; } = new();
    public TaskCompletionSource Done { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Adds the reader's current record: its input columns copied as they are when no field needs quotes (or,
    /// with <paramref name="protectFormulas"/>, protection), else written field by field by <paramref name="fields"/>.</summary>
    public void Add(CsvRecordReader reader, long line, CleanColumns columns, CsvRowWriter fields, bool protectFormulas)
    {
        int start = Input.WrittenCount;
        int formulas = reader.FormulaFields();
        if ((formulas == 0 || !protectFormulas) && reader.TryGetPlainRecord(out var plain)) Input.Append(plain);
        else if (reader.FieldCount > 1 || !reader.FieldUtf8(0).IsEmpty)
        {
            for (int i = 0; i < reader.FieldCount; i++) fields.Field(reader.FieldUtf8(i));
            fields.EndRow();
            fields.MoveTo(Input, lastLineEnd: false); // the party columns go on this line
        }
        Records.Add(new CleanRecord(line, reader.FieldText(columns.Name),
            columns.Country is int c ? reader.FieldText(c) : null,
            columns.Kind is int k ? reader.FieldText(k) : null,
            start, Input.WrittenCount - start, formulas));
    }

    public void Reset()
    {
        Records.Clear();
        Input.ResetWrittenCount();
        Output.ResetWrittenCount();
        Statistics = new CleanStatistics();
        Done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
