namespace Names.Resolver.Scoring;

/// <summary>
/// The models that ship with the resolver. <see cref="Load"/> is the built-in Fellegi-Sunter model (Data/fellegi-sunter-default.json,
/// estimated by EM without labels): the unsupervised model a learned one builds on. <see cref="Pretrained"/> is what a
/// registry without a model of its own resolves with (<see cref="Resolution.RegistryModel"/>): boosted trees over it,
/// trained on the labelled data sets (Data/models/default-pair-model.json; how it was made: Data/SOURCE.md).
/// </summary>
public static class DefaultModel
{
    public const string FileName = "fellegi-sunter-default.json";
    public const string PretrainedFileName = "models/default-pair-model.json";

    /// <summary>The built-in Fellegi-Sunter model.</summary>
    public static IPairScorer Load() => PairScorerSerializer.Deserialize(ResolverDataFile.ReadText(FileName));

    /// <summary>The pretrained boosted-tree model.</summary>
    public static IPairScorer Pretrained() => PairScorerSerializer.Deserialize(ResolverDataFile.ReadText(PretrainedFileName));
}
