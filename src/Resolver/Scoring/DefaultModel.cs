using System.Reflection;

namespace Names.Resolver.Scoring;

/// <summary>
/// The built-in Fellegi-Sunter model used when a registry has no trained model yet. Its parameters live in
/// Data/fellegi-sunter-default.json (estimated by EM, without labels; see Data/SOURCE.md).
/// </summary>
public static class DefaultModel
{
    public const string ResourceName = "Names.Resolver.Data.fellegi-sunter-default.json";

    public static IPairScorer Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"embedded resource {ResourceName} missing");
        using var reader = new StreamReader(stream);
        return PairScorerSerializer.Deserialize(reader.ReadToEnd());
    }
}
