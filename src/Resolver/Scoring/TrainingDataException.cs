namespace Names.Resolver.Scoring;

/// <summary>Labelled pairs that cannot be fitted: too few, or one class only. The message says which, for the user.</summary>
public sealed class TrainingDataException(string message) : ArgumentException(message);
