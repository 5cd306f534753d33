using Names.Resolver.Resolution;
using Names.Resolver.Review;
using Names.Resolver.Service;
using Names.Resolver.Storage;

namespace Names.Host.Cli;

/// <summary>
/// The review queue of <c>names review</c> and <c>names train</c>, on the registry alone: its store and connections,
/// no read model and no HTTP runtime. Pair scoring (model and token statistics) is loaded only for re-scoring.
/// </summary>
internal sealed class CliReview : IAsyncDisposable
{
    private readonly IRegistryStore _store;
    private readonly IOnlineRegistry _registry;

    private CliReview(IRegistryStore store, IOnlineRegistry registry, ReviewQueue queue)
    {
        _store = store;
        _registry = registry;
        Queue = queue;
    }

    public ReviewQueue Queue { get; }

    public static async Task<CliReview> OpenAsync(RegistryLocation location, bool scoring, CancellationToken ct)
    {
        var store = await location.OpenAsync(mustExist: true, ct); // clear messages for a missing or too new registry
        try
        {
            var registry = await location.OpenOnlineAsync(ct);
            var options = new ResolutionOptions();
            return new CliReview(store, registry, new ReviewQueue(store, registry, options, scoring ? await PairScoring.LoadAsync(store, options, ct) : null));
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        await _store.DisposeAsync();
    }
}
