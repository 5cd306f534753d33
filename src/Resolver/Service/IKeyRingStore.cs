namespace Names.Resolver.Service;

/// <summary>
/// The service's data-protection key ring (the keys that encrypt the review page's session and CSRF cookies), kept in
/// the registry so that every <c>names serve</c> instance on one database reads the cookies the others wrote. Elements
/// are opaque XML documents, appended and never changed (a revocation is a new element). They are secrets: anyone who
/// can read the registry can read them.
/// </summary>
public interface IKeyRingStore
{
    /// <summary>Every stored element, oldest first.</summary>
    Task<IReadOnlyList<string>> ListKeyRingElementsAsync(CancellationToken ct = default);
    /// <summary>Appends an element (<paramref name="name"/>: the data-protection system's friendly name, e.g. <c>key-{guid}</c>).</summary>
    Task AddKeyRingElementAsync(string name, string xml, CancellationToken ct = default);
    /// <summary>
    /// Claims the creation of the ring's first key: true for exactly one caller per registry, ever (instances starting
    /// together on an empty registry would otherwise each create a key, and read each other's cookies only after
    /// their cached rings expire).
    /// </summary>
    Task<bool> ClaimFirstKeyAsync(CancellationToken ct = default);

    /// <summary>The <c>meta</c> row <see cref="ClaimFirstKeyAsync"/> inserts (value: the time of the claim).</summary>
    public const string FirstKeyClaimMetaKey = "service.keyring.first";
}
