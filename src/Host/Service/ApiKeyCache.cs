using System.Collections.Concurrent;
using Names.Resolver.Service;

namespace Names.Host.Service;

/// <summary>
/// Known keys by hash for a short time, so most requests do not query the store. Only hits are kept: a key created
/// by `names keys add` in another process works on its first use.
/// </summary>
public sealed class ApiKeyCache(IApiKeyStore store, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (ApiKeyRecord Record, DateTimeOffset Expires)> _hits = new(StringComparer.Ordinal);

    public Task<ApiKeyRecord?> FindAsync(string key, CancellationToken ct) => FindByHashAsync(ApiKeySecret.Hash(key), ct);

    /// <summary>The active key with this hash (the review page's session keeps the hash, never the key).</summary>
    public async Task<ApiKeyRecord?> FindByHashAsync(string hash, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_hits.TryGetValue(hash, out var hit) && hit.Expires > now) return hit.Record;
        var record = await store.FindKeyAsync(hash, ct);
        if (record is null) _hits.TryRemove(hash, out _);
        else _hits[hash] = (record, now + Lifetime);
        return record;
    }
}
