using System.Collections.Concurrent;

namespace Names.Host.Service;

/// <summary>
/// Whether this instance should be sent traffic (GET /api/v1/health/ready). Each part that must be loaded first
/// (registry, read model, candidate index ...) is a pending condition until it calls <see cref="Complete"/>; a stop
/// that has begun makes the instance not ready again, so a load balancer sends nothing new while requests drain.
/// </summary>
public sealed class ServiceReadiness
{
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private volatile bool _stopping;

    public void Require(string condition) => _pending.TryAdd(condition, 0);

    public void Complete(string condition) => _pending.TryRemove(condition, out _);

    public void MarkStopping() => _stopping = true;

    public bool IsReady => !_stopping && _pending.IsEmpty;

    /// <summary>Why the instance is not ready, or null when it is.</summary>
    public string? Reason => _stopping ? "stopping" : _pending.IsEmpty ? null : "waiting for " + string.Join(", ", _pending.Keys.Order(StringComparer.Ordinal));
}
