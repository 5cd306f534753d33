namespace Names.Host.Service.Contracts;

public sealed record NormalizeRequest(IReadOnlyList<NameItem>? Names);

public sealed record NormalizeResponse(IReadOnlyList<NormalizedName> Results);

/// <summary>The cleaned parties of the name at <see cref="Index"/> of the request (several when the field names several parties).</summary>
public sealed record NormalizedName(int Index, string Name, IReadOnlyList<PartyView> Parties);
