namespace Names.Resolver.Storage;

/// <summary>A blocking key of one variant (many per variant), indexed for candidate lookups.</summary>
public readonly record struct BlockingKeyRow(string Key, long VariantId);
