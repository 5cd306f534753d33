namespace Names.Resolver.ExternalIds;

/// <summary>
/// One record of an authority file (a GLEIF LEI record, a ROR record), as its reader makes it: the identifier it is
/// about, its names (legal or display name first), the country of its legal address, its ISO 20275 legal form code, the
/// authority's status, the identifier of the record that replaced it, and the other identifiers it names (ROR's ISNI,
/// Wikidata, FundRef). Position: its line (CSV) or index (JSON), for rejects and provenance.
/// </summary>
public sealed record AuthorityRecord(
    long Position,
    ExternalId Id,
    IReadOnlyList<string> Names,
    string Country,
    string ElfCode,
    string Status,
    ExternalId? Successor = null,
    IReadOnlyList<ExternalId>? OtherIds = null);

/// <summary>A chunk of records with each name normalised (null: a name the normaliser refuses), ready for the writer.</summary>
public sealed record PreparedRecords(IReadOnlyList<AuthorityRecord> Records, Normalization.Party?[][] Parties);

/// <summary>What an import did, counted per record and per write.</summary>
public sealed class ImportStatistics
{
    public long Records { get; set; }
    public long EntitiesCreated { get; set; }
    /// <summary>Records whose identifier an entity already held.</summary>
    public long RecordsKnown { get; set; }
    public long StatusesUpdated { get; set; }
    public long NamesAdded { get; set; }
    /// <summary>Names an entity of another identifier holds already: left with it (one entity per name and country).</summary>
    public long NamesHeldElsewhere { get; set; }
    public long NamesUnusable { get; set; }
    public long IdsLinked { get; set; }
    /// <summary>Other identifiers of a record that another entity holds already: left with it.</summary>
    public long IdsHeldElsewhere { get; set; }
    public long Merged { get; set; }
    /// <summary>Successor merges refused (the two hold different live identifiers, or a cannot-link), with their reasons.</summary>
    public List<string> MergesRefused { get; } = new();
    public long Events { get; set; }
}
