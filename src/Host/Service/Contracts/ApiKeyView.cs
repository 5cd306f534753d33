namespace Names.Host.Service.Contracts;

public sealed record CreateKeyRequest(string? Name, string? Role);

/// <summary>A key as listed: never the key itself. <see cref="Key"/> is set only in the answer that creates it.</summary>
public sealed record ApiKeyView(long Id, string Name, string Role, string Prefix, DateTimeOffset Created, string? Key = null);
