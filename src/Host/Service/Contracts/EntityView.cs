namespace Names.Host.Service.Contracts;

/// <summary>
/// An entity. When the requested id was absorbed by a merge, <see cref="Id"/> is the survivor's, <see cref="Absorbed"/>
/// is true and <see cref="RequestedId"/> keeps the id asked for.
/// </summary>
public sealed record EntityView(string Id, string RequestedId, bool Absorbed, string Kind, string CanonicalName, string Status, Page<VariantView> Variants,
    IReadOnlyList<ExternalIdView> ExternalIds);

/// <summary>
/// An identifier the entity holds in another scheme (<c>lei</c>, <c>ror</c>, <c>orcid</c>, <c>isni</c>, <c>wikidata</c>,
/// <c>fundref</c>, <c>office:XX</c>), in the scheme's normal form; <see cref="LinkedTo"/> is the id it was linked to (an id
/// absorbed into this one, or this one), <see cref="Status"/> the authority's status of its record.
/// </summary>
public sealed record ExternalIdView(string Scheme, string Value, string LinkedTo, string Source, string Status);

/// <summary>One variant; <see cref="RawName"/> is the input name exactly as received (empty when the registry predates it).</summary>
public sealed record VariantView(long Id, string DisplayName, string NameKey, string Kind, string Country, string Source, string RawName);

public sealed record HistoryView(string Id, string RequestedId, bool Absorbed, Page<EventView> Events);

public sealed record EventView(long Seq, string Type, string EntityId, string? OtherId, string Actor, string Detail, DateTimeOffset Time);
