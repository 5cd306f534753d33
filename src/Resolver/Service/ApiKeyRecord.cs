namespace Names.Resolver.Service;

/// <summary>A stored API key: never the key itself, only its SHA-256 hash and a short prefix to recognise it by.</summary>
public sealed record ApiKeyRecord(long Id, string Name, ApiRole Role, string KeyHash, string Prefix, DateTimeOffset Created);

/// <summary>A key just created: <see cref="Key"/> is shown once and not stored.</summary>
public sealed record CreatedApiKey(ApiKeyRecord Record, string Key);
