using Names.Normalization;

namespace Names.Resolver.Service;

/// <summary>Ranked candidate entities for a name, without writing (the service's <see cref="OnlineResolver"/>).</summary>
public interface IEntityLookup
{
    Task<IReadOnlyList<PartyLookup>> LookupAsync(NameInput input, int limit, CancellationToken ct = default);
}
