using System.Text.Json;
using Names.Resolver.Storage;

namespace Names.Resolver.Scoring;

/// <summary>Rebuilds a stored model from its JSON parameters, and stores/loads models in the registry.</summary>
public static class PairScorerSerializer
{
    public static IPairScorer Deserialize(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var kind = doc.RootElement.GetProperty("Kind").GetString();
        return kind switch
        {
            FellegiSunterModel.KindName => FellegiSunterModel.Deserialize(json),
            LogisticRegressionModel.KindName => LogisticRegressionModel.Deserialize(json),
            CorrectedModel.KindName => CorrectedModel.Deserialize(json),
            _ => throw new FormatException($"unknown model kind '{kind}'"),
        };
    }

    /// <summary>Saves the model as a new version; returns the version number.</summary>
    public static Task<long> SaveAsync(IRegistryStore store, IPairScorer model, string note, CancellationToken ct = default) =>
        store.SaveModelAsync(model.Kind, model.Serialize(), note, ct);
}
