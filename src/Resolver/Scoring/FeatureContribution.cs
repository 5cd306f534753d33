namespace Names.Resolver.Scoring;

/// <summary>How much one feature's level moved the score (log-odds, base 2 for Fellegi-Sunter, natural for logistic regression).</summary>
public sealed record FeatureContribution(string Feature, int Level, string LevelLabel, double Weight);
