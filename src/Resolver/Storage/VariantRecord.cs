namespace Names.Resolver.Storage;

/// <summary>
/// One distinct name variant linked to an entity, with its matching keys and the provenance of its first occurrence.
/// <see cref="Features"/> is the serialized comparison view (tokens, person parts, context) so a later run can compare
/// against it without re-normalising. <see cref="RawName"/> is the input field exactly as received, before any cleaning
/// (the whole field when it held several parties); empty when unknown (registries written before schema version 3).
/// </summary>
public sealed record VariantRecord(
    long Id,
    string EntityId,
    string Kind,
    string DisplayName,
    string NameKey,
    string CompactKey,
    string AltKey,
    string Country,
    string Features,
    string SourceFile = "",
    long SourceRow = 0,
    string SourceRecordId = "",
    string RawName = "");
