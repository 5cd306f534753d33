using Names.Resolver.Storage;

namespace Names.Resolver.Privacy;

/// <summary>
/// Everything the registry holds about a person (GDPR article 15): the entity the id resolves to and every id merged
/// into it, their variants (display and raw names, keys, country, provenance: source file, row, record id), the events
/// naming them, the proposals, reviewers' decisions and cannot-links about them, and erasures.
/// </summary>
public sealed record PersonalDataReport(
    string RequestedId,
    string EntityId,
    string Kind,
    string Status,
    string CanonicalName,
    IReadOnlyList<string> EntityIds,
    IReadOnlyList<VariantRecord> Variants,
    IReadOnlyList<RegistryEvent> Events,
    IReadOnlyList<ReviewProposal> Proposals,
    IReadOnlyList<PersonalDataDecision> Decisions,
    IReadOnlyList<PersonalDataCannotLink> CannotLinks,
    IReadOnlyList<ErasureRecord> Erasures);

/// <summary>A reviewer's decision on a proposal naming the person.</summary>
public sealed record PersonalDataDecision(long ProposalId, string Status, string Actor, DateTimeOffset Time, string? Comment, string? SurvivorId, string? AbsorbedId);

/// <summary>A cannot-link naming the person.</summary>
public sealed record PersonalDataCannotLink(string EntityA, string EntityB, string Actor, string Reason, DateTimeOffset Time);

/// <summary>One read of a person's data through the API (issue 16): which key, when, which endpoint, which id, the answer's status.</summary>
public sealed record ReadAuditEntry(string KeyName, DateTimeOffset Time, string Endpoint, string EntityId, int Status, long Id = 0);

/// <summary>
/// One identifier change of the change feed, in the log's total order (<see cref="Seq"/>):
/// <c>minted</c> (<see cref="Id"/>, with <see cref="Origin"/> when a split made it), <c>merged</c> (Id absorbed into
/// <see cref="Survivor"/>), <c>unmerged</c> (a merge undone: Id active again, Origin its former survivor), <c>split</c>
/// (Id = the new id, Origin = the entity it was split from), <c>erased</c> (Id erased), <c>external_id_linked</c>
/// and <c>external_id_updated</c> (Id, <see cref="Detail"/> = the link and its status).
/// </summary>
public sealed record IdentifierChange(long Seq, string Type, string Id, string? Survivor, string? Origin, DateTimeOffset Time, string? Detail = null);

/// <summary>A page of the change feed; <see cref="Next"/> is the cursor to ask with next (the last seq read, or the cursor asked with).</summary>
public sealed record ChangePage(IReadOnlyList<IdentifierChange> Changes, long Next);

/// <summary>
/// Data protection of a registry (issue 16): erasure of natural persons, access to what is held about one, the read
/// audit, the change feed of identifiers, and their checks. Implemented by each store over the shared SQL.
/// </summary>
public interface IPersonalDataStore
{
    /// <summary>Erases the person the id resolves to, in one transaction; see <see cref="ErasurePlan"/>.</summary>
    Task<ErasureOutcome> EraseAsync(ErasureRequest request, CancellationToken ct = default);
    /// <summary>The erasures of one id, or all (null), oldest first.</summary>
    Task<IReadOnlyList<ErasureRecord>> GetErasuresAsync(string? entityId, CancellationToken ct = default);
    /// <summary>What the registry holds about the person the id resolves to; null when the id was never issued.</summary>
    Task<PersonalDataReport?> GetPersonalDataAsync(string id, CancellationToken ct = default);
    /// <summary>Appends reads to the audit in one transaction (the service batches them).</summary>
    Task AppendReadAuditAsync(IReadOnlyList<ReadAuditEntry> entries, CancellationToken ct = default);
    /// <summary>The audited reads of an id and/or by a key name (null: any), oldest first.</summary>
    Task<IReadOnlyList<ReadAuditEntry>> ReadAuditAsync(string? entityId, string? keyName, CancellationToken ct = default);
    /// <summary>Identifier changes after <paramref name="afterSeq"/>, at most <paramref name="limit"/>, in seq order.</summary>
    Task<ChangePage> GetChangesAsync(long afterSeq, int limit, CancellationToken ct = default);
    /// <summary>Problems: an erased id with personal data left, a read audit row changed or taken out. Empty when all is right.</summary>
    Task<IReadOnlyList<string>> CheckAsync(CancellationToken ct = default);
}
