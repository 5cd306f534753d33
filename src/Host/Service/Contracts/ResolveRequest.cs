namespace Names.Host.Service.Contracts;

/// <summary>POST /api/v1/resolve: the name as filed; source is recorded as the provenance of a new variant.</summary>
/// <remarks><see cref="ExternalIds"/>: identifiers the party holds, scheme to value (<c>{"lei": "..."}</c>); an invalid one answers 400 with the reason.</remarks>
public sealed record ResolveRequest(string? Name, string? Country = null, string? Kind = null, string? Source = null, string? FamilyName = null, string? GivenNames = null,
    [property: System.ComponentModel.Description("Identifiers the party holds, scheme to value, e.g. {\"lei\": \"HWUPKR0MPOU8FGXBT394\"} (schemes lei, ror, orcid, isni, " +
        "wikidata, fundref, office:XX). The entity holding one answers with score 1 (\"same LEI\") unless its names contradict the name (then review); " +
        "one nobody holds is linked to the entity the name resolves to; an entity holding another of the scheme never takes the name. " +
        "An invalid value answers 400 invalid_external_id with the reason.")]
    IReadOnlyDictionary<string, string>? ExternalIds = null);

/// <summary>
/// The answer: <see cref="Id"/> and <see cref="Resolution"/> of the first usable party (the common case of one party),
/// and every party's decision.
/// </summary>
public sealed record ResolveResponse(string Id, string Resolution, IReadOnlyList<ResolvedPartyView> Parties);

public sealed record ResolvedPartyView(int PartySeq, string DisplayName, string NameKey, string Id, string Kind, string CanonicalName, string Resolution,
    double Score, string Explanation, string? ProposedWith, string? Problem);
