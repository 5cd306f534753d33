using System.Threading.Channels;
using Names.Resolver.Privacy;

namespace Names.Host.Service;

/// <summary>
/// The read audit's writer: requests hand their entry to a bounded channel (no I/O on the request path), one background
/// loop appends whatever has queued up in one transaction per batch (never one per read). A full channel makes the
/// request wait rather than lose an entry. <see cref="FlushAsync"/> returns once everything queued before it is
/// stored; <see cref="StopAsync"/> (after the server has drained its requests) stores the rest and ends the loop.
/// </summary>
public sealed class ReadAuditLog
{
    private const int Capacity = 65_536, BatchSize = 2_000;
    private readonly Channel<ReadAuditEntry> _queue = Channel.CreateBounded<ReadAuditEntry>(new BoundedChannelOptions(Capacity) { SingleReader = true });
    private readonly IPersonalDataStore _store;
    private readonly ILogger _log;
    private readonly Task _writer;
    private long _queued, _stored;

    public ReadAuditLog(IPersonalDataStore store, ILogger log)
    {
        _store = store;
        _log = log;
        _writer = Task.Run(WriteLoopAsync);
    }

    public ValueTask AddAsync(ReadAuditEntry entry, CancellationToken ct)
    {
        Interlocked.Increment(ref _queued);
        return _queue.Writer.TryWrite(entry) ? ValueTask.CompletedTask : _queue.Writer.WriteAsync(entry, ct);
    }

    /// <summary>Waits until every entry queued before the call is stored.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        var target = Interlocked.Read(ref _queued);
        while (Interlocked.Read(ref _stored) < target && !_writer.IsCompleted) await Task.Delay(10, ct);
    }

    public async Task StopAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<ReadAuditEntry>(BatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var e)) batch.Add(e);
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await _store.AppendReadAuditAsync(batch);
                    break;
                }
                catch (Exception e) when (attempt < 5)
                {
                    _log.LogWarning(e, "Read audit: storing {Count} entries failed, retrying", batch.Count);
                    await Task.Delay(200 * attempt);
                }
                catch (Exception e)
                {
                    _log.LogError(e, "Read audit: {Count} entries could not be stored", batch.Count);
                    break;
                }
            }
            Interlocked.Add(ref _stored, batch.Count);
            batch.Clear();
        }
    }
}
