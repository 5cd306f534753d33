namespace Names.Resolver.Service;

/// <summary>API keys of the service, stored hashed (SHA-256 of the key); the key itself is shown once, when created.</summary>
public interface IApiKeyStore
{
    Task<CreatedApiKey> AddKeyAsync(string name, ApiRole role, CancellationToken ct = default);
    /// <summary>The active key with this hash, or null.</summary>
    Task<ApiKeyRecord?> FindKeyAsync(string keyHash, CancellationToken ct = default);
    Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(int offset, int limit, CancellationToken ct = default);
    Task<long> CountKeysAsync(CancellationToken ct = default);
    /// <summary>When the key table is empty, creates an admin key atomically (one winner among concurrent instances) and returns it; null otherwise.</summary>
    Task<CreatedApiKey?> CreateFirstAdminKeyAsync(CancellationToken ct = default);
    /// <summary>Stored answer of an earlier request with the same idempotency scope and key, or null.</summary>
    Task<IdempotentAnswer?> GetAnswerAsync(string scope, string key, CancellationToken ct = default);
    /// <summary>Stores the answer unless one is already stored (the first one wins); returns the stored answer.</summary>
    Task<IdempotentAnswer> SaveAnswerAsync(IdempotentAnswer answer, CancellationToken ct = default);
}
