namespace Names.Resolver.Storage;

/// <summary>A stored scoring model: Kind is e.g. fellegi_sunter or logistic_regression; Parameters is its JSON.</summary>
public sealed record ModelVersion(long Version, string Kind, string Parameters, string Note, DateTimeOffset Created);
