using Names.Host.Cli;
using Names.Normalization;
using Names.Resolver.Review;
using Names.Resolver.Service;
using Names.Resolver.Storage;

namespace Names.Host.Service;

/// <summary>What a running service holds open: the registry (SQLite or PostgreSQL), its API keys, the resolver and metrics.</summary>
public sealed class ServiceRuntime : IAsyncDisposable
{
    private readonly IAsyncDisposable _store;
    private readonly NameNormalizer _normalizer;

    private ServiceRuntime(IOnlineRegistry registry, IApiKeyStore keys, IKeyRingStore keyRing, OnlineResolver resolver, NameNormalizer normalizer,
        IAsyncDisposable store, IRegistryStore reviewStore)
    {
        KeyRing = keyRing;
        ReviewStore = reviewStore;
        Review = new ReviewQueue(reviewStore, registry, resolver);
        Registry = registry;
        Keys = keys;
        Resolver = resolver;
        _normalizer = normalizer;
        _store = store;
        _refresher = Task.Run(() => RefreshAsync(resolver, _stopping.Token));
        // The registry is open and the read model (the lookups' candidate source) loaded once this object exists.
        Readiness.Complete(RegistryCondition);
    }

    private const string RegistryCondition = "registry and read model";

    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _refresher;

    /// <summary>
    /// Keeps the read model younger than its staleness bound in the background, so lookups find it fresh and never wait
    /// for the database; a failed refresh is retried (and lookups then refresh it themselves, or fail as the store does).
    /// </summary>
    private static async Task RefreshAsync(OnlineResolver resolver, CancellationToken ct)
    {
        var bound = resolver.Freshness.MaxStaleness;
        if (bound <= TimeSpan.Zero) return;
        var period = bound / 4;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await resolver.ReadModel.EnsureFreshAsync(bound / 2, ct);
                await Task.Delay(period, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(1), ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    public IOnlineRegistry Registry { get; }
    public IApiKeyStore Keys { get; }
    /// <summary>The data-protection key ring of the review page's cookies, shared through the registry by every instance.</summary>
    public IKeyRingStore KeyRing { get; }
    public OnlineResolver Resolver { get; }
    public RequestMetrics Metrics { get; } = new();
    /// <summary>Set by whatever must be loaded before this instance takes traffic; read by /api/v1/health/ready.</summary>
    public ServiceReadiness Readiness { get; } = NotReadyUntilOpen();

    private static ServiceReadiness NotReadyUntilOpen()
    {
        var readiness = new ServiceReadiness();
        readiness.Require(RegistryCondition);
        return readiness;
    }
    /// <summary>The registry store for reviewers' operations (merge, split, cannot-link, proposal decisions).</summary>
    public IRegistryStore ReviewStore { get; }
    /// <summary>The analysts' review queue (proposals, decisions, undo, split, entity search).</summary>
    public ReviewQueue Review { get; }

    public static async Task<ServiceRuntime> OpenAsync(ServiceSettings settings, CancellationToken ct = default)
    {
        var (registry, keys, keyRing) = await OpenProviderAsync(settings, ct);
        var normalizer = NameNormalizer.CreateDefault();
        OnlineResolver? resolver = null;
        try
        {
            resolver = await OnlineResolver.CreateAsync(registry, normalizer, settings.Resolution, settings.ReadModel, ct);
            // Loading the read model passes every variant through the heap once; give that memory back before serving.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var reviewStore = await Location(settings).OpenStoreAsync(ct);
            return new ServiceRuntime(registry, keys, keyRing, resolver, normalizer, registry, reviewStore);
        }
        catch
        {
            resolver?.Dispose();
            normalizer.Dispose();
            await registry.DisposeAsync();
            throw;
        }
    }

    /// <summary>The registry and key store for the settings (both are one object per provider, which also holds the key ring).</summary>
    public static async Task<(IOnlineRegistry Registry, IApiKeyStore Keys)> OpenStoreAsync(ServiceSettings settings, CancellationToken ct)
    {
        var (registry, keys, _) = await OpenProviderAsync(settings, ct);
        return (registry, keys);
    }

    private static async Task<(IOnlineRegistry Registry, IApiKeyStore Keys, IKeyRingStore KeyRing)> OpenProviderAsync(ServiceSettings settings, CancellationToken ct)
    {
        var location = Location(settings);
        try
        {
            var registry = await location.OpenOnlineAsync(ct);
            return (registry, (IApiKeyStore)registry, (IKeyRingStore)registry);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or ArgumentException)
        {
            throw new Cli.CliIoException($"cannot open registry '{location}': {e.Message}", e);
        }
    }

    internal static RegistryLocation Location(ServiceSettings settings) =>
        new(settings.DbPath, string.IsNullOrWhiteSpace(settings.PgConnection) ? null : settings.PgConnection);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _refresher;
        _stopping.Dispose();
        Resolver.Dispose();
        _normalizer.Dispose();
        await ReviewStore.DisposeAsync();
        await _store.DisposeAsync();
    }
}
