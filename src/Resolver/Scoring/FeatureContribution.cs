namespace Names.Resolver.Scoring;

/// <summary>How much one feature's level moved the score (log-odds, base 2 for Fellegi-Sunter; for boosted trees ML.NET's feature contribution in raw-score units, which ranks the features but does not add up to the score).</summary>
public sealed record FeatureContribution(string Feature, int Level, string LevelLabel, double Weight);
