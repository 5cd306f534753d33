using Names.Resolver.Scoring;
using Names.Resolver.Storage;

namespace Names.Resolver.Resolution;

/// <summary>
/// The model a registry resolves with, for every path (bulk, service, training, evaluation): its latest stored model,
/// so later runs decide the way earlier ones did, else the built-in default (<see cref="DefaultModel"/>). Which scorer
/// a party of each kind then gets is <see cref="ScorerByKind"/>'s rule.
/// </summary>
public static class RegistryModel
{
    public static IPairScorer From(ModelVersion? stored) => stored is null ? DefaultModel.Load() : PairScorerSerializer.Deserialize(stored.Parameters);

    /// <summary>The latest stored model that loads (see <see cref="PairScorerSerializer.LoadAsync"/>), else the built-in one.</summary>
    public static async Task<IPairScorer> LoadAsync(IModelStore store, CancellationToken ct = default) =>
        (await PairScorerSerializer.LoadAsync(store, ct))?.Scorer ?? DefaultModel.Load();
}
