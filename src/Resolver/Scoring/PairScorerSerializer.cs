using System.Text.Json;
using Names.Resolver.Storage;

namespace Names.Resolver.Scoring;

/// <summary>Rebuilds a stored model from its JSON parameters, and stores/loads models in the registry.</summary>
public static class PairScorerSerializer
{
    /// <exception cref="FormatException">the parameters are not a model this version can read</exception>
    public static IPairScorer Deserialize(string json)
    {
        string? kind;
        try
        {
            using var doc = JsonDocument.Parse(json);
            kind = doc.RootElement.GetProperty("Kind").GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"the stored model is not readable: {e.Message}", e);
        }
        return kind switch
        {
            FellegiSunterModel.KindName => FellegiSunterModel.Deserialize(json),
            BoostedTreeModel.KindName => BoostedTreeModel.Deserialize(json),
            // Supervised kinds of earlier versions: still read, so their registries resolve as before until retrained.
            LogisticRegressionModel.KindName => LogisticRegressionModel.Deserialize(json),
            CorrectedModel.KindName => CorrectedModel.Deserialize(json),
            _ => throw new FormatException($"unknown model kind '{kind}'"),
        };
    }

    /// <summary>Saves the model as a new version; returns the version number.</summary>
    public static Task<long> SaveAsync(IRegistryStore store, IPairScorer model, string note, CancellationToken ct = default) =>
        store.SaveModelAsync(model.Kind, model.Serialize(), note, ct);

    /// <summary>
    /// The latest stored model, or null when the registry has none. A latest model that cannot be loaded (written by a
    /// newer version, damaged) is refused: the latest unsupervised model stored before it is used instead, else the
    /// fresh-registry default, and <see cref="StoredScorer.Refused"/> says why.
    /// </summary>
    public static Task<StoredScorer?> LoadAsync(IModelStore store, CancellationToken ct = default) =>
        LoadAsync(store.GetLatestModelAsync, ct);

    /// <summary>As <see cref="LoadAsync(IModelStore, CancellationToken)"/>, from a query for the latest model (of a kind, or of any when null).</summary>
    public static async Task<StoredScorer?> LoadAsync(Func<string?, CancellationToken, Task<ModelVersion?>> latestModel, CancellationToken ct = default)
    {
        var latest = await latestModel(null, ct);
        if (latest is null) return null;
        try { return new StoredScorer(Deserialize(latest.Parameters), latest, null); }
        catch (Exception e) when (e is FormatException or ArgumentException or JsonException)
        {
            var refused = $"model {latest.Kind} v{latest.Version} cannot be loaded ({e.Message}); it is not used";
            var previous = await latestModel(FellegiSunterModel.KindName, ct);
            if (previous is not null && previous.Version < latest.Version)
            {
                try { return new StoredScorer(Deserialize(previous.Parameters), previous, refused); }
                catch (Exception again) when (again is FormatException or ArgumentException or JsonException) { }
            }
            return new StoredScorer(DefaultModel.ForFreshRegistry(), null, refused);
        }
    }
}

/// <summary>A model loaded from the registry: its version (null = the fresh-registry default) and why a later one was refused.</summary>
public sealed record StoredScorer(IPairScorer Scorer, ModelVersion? Version, string? Refused);
