using Names.Normalization;
using Names.Resolver.Review;
using Names.Resolver.Service;
using Names.Resolver.Service.Sqlite;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Postgres;

namespace Names.Host.Service;

/// <summary>What a running service holds open: the registry (SQLite or PostgreSQL), its API keys, the resolver and metrics.</summary>
public sealed class ServiceRuntime : IAsyncDisposable
{
    private readonly IAsyncDisposable _store;
    private readonly NameNormalizer _normalizer;

    private ServiceRuntime(IOnlineRegistry registry, IApiKeyStore keys, OnlineResolver resolver, NameNormalizer normalizer, IAsyncDisposable store, IRegistryStore reviewStore)
    {
        ReviewStore = reviewStore;
        Review = new ReviewQueue(reviewStore, registry, resolver);
        Registry = registry;
        Keys = keys;
        Resolver = resolver;
        _normalizer = normalizer;
        _store = store;
    }

    public IOnlineRegistry Registry { get; }
    public IApiKeyStore Keys { get; }
    public OnlineResolver Resolver { get; }
    public RequestMetrics Metrics { get; } = new();
    /// <summary>The registry store for reviewers' operations (merge, split, cannot-link, proposal decisions).</summary>
    public IRegistryStore ReviewStore { get; }
    /// <summary>The analysts' review queue (proposals, decisions, undo, split, entity search).</summary>
    public ReviewQueue Review { get; }

    public static async Task<ServiceRuntime> OpenAsync(ServiceSettings settings, CancellationToken ct = default)
    {
        var (registry, keys) = await OpenStoreAsync(settings, ct);
        var normalizer = NameNormalizer.CreateDefault();
        try
        {
            var resolver = await OnlineResolver.CreateAsync(registry, normalizer, settings.Resolution, ct);
            IRegistryStore reviewStore = string.IsNullOrWhiteSpace(settings.PgConnection)
                ? await SqliteRegistryStore.OpenAsync(settings.DbPath, ct)
                : await PostgresRegistryStore.OpenAsync(settings.PgConnection, ct);
            return new ServiceRuntime(registry, keys, resolver, normalizer, registry, reviewStore);
        }
        catch
        {
            normalizer.Dispose();
            await registry.DisposeAsync();
            throw;
        }
    }

    /// <summary>The registry and key store for the settings (both are one object per provider).</summary>
    public static async Task<(IOnlineRegistry Registry, IApiKeyStore Keys)> OpenStoreAsync(ServiceSettings settings, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(settings.PgConnection))
        {
            var pg = await PostgresOnlineRegistry.OpenAsync(settings.PgConnection, ct);
            return (pg, pg);
        }
        var sqlite = await SqliteOnlineRegistry.OpenAsync(settings.DbPath, ct);
        return (sqlite, sqlite);
    }

    public async ValueTask DisposeAsync()
    {
        _normalizer.Dispose();
        await ReviewStore.DisposeAsync();
        await _store.DisposeAsync();
    }
}
