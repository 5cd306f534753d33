using Names.Host.Cleaning;
using Names.Host.Csv;
using Names.Resolver.ExternalIds;
using Names.Resolver.Resolution;

namespace Names.Host.Resolving;

/// <summary>
/// Turns CSV records into <see cref="ResolveInput"/> rows (Row = the record's line number) and keeps each record's
/// fields until its parties have been written, so that output rows carry the input columns. Malformed lines go to the
/// rejects sink as they are met.
/// </summary>
public sealed class ResolveRowSource(CsvRecordReader reader, int fieldCount, ResolveColumns columns, string? defaultKind, RejectsSink rejects)
{
    private readonly Dictionary<long, string[]> _pending = new();
    private long _rowsRead;

    /// <summary>Rows read so far (records and rejected lines); safe to poll from another thread.</summary>
    public long RowsRead => Interlocked.Read(ref _rowsRead);

    public async IAsyncEnumerable<ResolveInput> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await Task.Yield(); // the caller's loop runs on the pool, not on the thread that started the run
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var kind = reader.ReadNext(fieldCount, out var record, out var reject);
            if (kind == CsvReadKind.End) yield break;
            Interlocked.Increment(ref _rowsRead);
            if (kind == CsvReadKind.Reject) { rejects.Add(reject); continue; }
            var f = record.Fields;
            if (InvalidExternalId(f) is { } reason)
            {
                rejects.Add(new CsvReject(record.Line, reason, CsvRowWriter.RowText(f)));
                continue;
            }
            lock (_pending) _pending[record.Line] = f;
            yield return ToInput(f, record.Line);
        }
    }

    public ResolveInput ToInput(string[] f, long line)
    {
        Dictionary<string, string>? context = null;
        if (columns.Context.Count > 0)
        {
            context = new Dictionary<string, string>(columns.Context.Count, StringComparer.Ordinal);
            foreach (var (name, index) in columns.Context)
                if (f[index].Length > 0) context[name] = f[index];
        }
        var kind = columns.Kind is int k && f[k].Length > 0 ? f[k] : defaultKind;
        return new ResolveInput(
            f[columns.Name],
            columns.Country is int c ? f[c] : null,
            kind,
            columns.Family is int fam ? f[fam] : null,
            columns.Given is int giv ? f[giv] : null,
            context,
            columns.Id is int id ? f[id] : "",
            line,
            ExternalIdsOf(f));
    }

    /// <summary>Why a row's identifier is refused (its scheme's check), or null; an empty cell carries no identifier.</summary>
    private string? InvalidExternalId(string[] f)
    {
        foreach (var (scheme, index) in columns.ExternalIds)
            if (f[index].Trim().Length > 0 && !ExternalIdSchemes.TryParse(scheme, f[index], out _, out var reason)) return reason;
        return null;
    }

    private List<ExternalId>? ExternalIdsOf(string[] f)
    {
        List<ExternalId>? ids = null;
        foreach (var (scheme, index) in columns.ExternalIds)
            if (f[index].Trim().Length > 0 && ExternalIdSchemes.TryParse(scheme, f[index], out var id, out _)) (ids ??= []).Add(id);
        return ids;
    }

    /// <summary>The fields of a row whose parties are being written.</summary>
    public string[] FieldsOf(long line)
    {
        lock (_pending) return _pending[line];
    }

    /// <summary>Forgets a row once all its parties are out.</summary>
    public void Done(long line)
    {
        lock (_pending) _pending.Remove(line);
    }
}
