namespace Names.Resolver.Scoring;

/// <summary>
/// The models that ship with the resolver. <see cref="Load"/> is the built-in Fellegi-Sunter model (Data/fellegi-sunter-default.json,
/// estimated by EM without labels): the unsupervised model a learned one builds on. <see cref="Pretrained"/>: boosted trees
/// over it, trained on the labelled data sets (Data/models/default-pair-model.json; how it was made: Data/SOURCE.md).
/// <see cref="ForFreshRegistry"/> picks between them for a registry without a model of its own.
/// </summary>
public static class DefaultModel
{
    public const string FileName = "fellegi-sunter-default.json";
    public const string PretrainedFileName = "models/default-pair-model.json";

    /// <summary>The built-in Fellegi-Sunter model.</summary>
    public static IPairScorer Load() => PairScorerSerializer.Deserialize(ResolverDataFile.ReadText(FileName));

    /// <summary>
    /// What a registry without a model of its own resolves with: the built-in model. The pretrained one is not below it on
    /// only 2 of 7 left-out data sets and costs bulk runs 22-36% more CPU (docs/benchmarks.md, "Pretrained default").
    /// </summary>
    public static IPairScorer ForFreshRegistry() => Load();

    /// <summary>The pretrained boosted-tree model (<c>--model pretrained</c>).</summary>
    public static IPairScorer Pretrained() => PairScorerSerializer.Deserialize(ResolverDataFile.ReadText(PretrainedFileName));
}
