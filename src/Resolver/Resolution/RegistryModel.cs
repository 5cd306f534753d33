using Names.Resolver.Scoring;
using Names.Resolver.Storage;

namespace Names.Resolver.Resolution;

/// <summary>
/// The model a registry resolves with, for every path (bulk, service, training, evaluation): its latest stored model,
/// so later runs decide the way earlier ones did, else the fresh-registry default (<see cref="DefaultModel.ForFreshRegistry"/>), until
/// the registry has a model of its own (EM on a run with context columns, or `names train`). Which scorer
/// a party of each kind then gets is <see cref="ScorerByKind"/>'s rule.
/// </summary>
public static class RegistryModel
{
    /// <summary>The latest stored model that loads (see <see cref="PairScorerSerializer.LoadAsync"/>), else the fresh-registry default.</summary>
    public static async Task<IPairScorer> LoadAsync(IModelStore store, CancellationToken ct = default) =>
        (await LoadAsync(store.GetLatestModelAsync, ct)).Scorer;

    /// <summary>As above, from a query for the latest model of a kind (any when null), and why a later one was refused.</summary>
    public static async Task<(IPairScorer Scorer, string? Refused)> LoadAsync(Func<string?, CancellationToken, Task<ModelVersion?>> latestModel,
        CancellationToken ct = default)
    {
        var stored = await PairScorerSerializer.LoadAsync(latestModel, ct);
        return (stored?.Scorer ?? DefaultModel.ForFreshRegistry(), stored?.Refused);
    }
}
