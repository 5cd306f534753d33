using System.Data.Common;
using System.Globalization;

namespace Names.Resolver.Storage;

/// <summary>
/// The registry's rows as both stores read them: one column list and one mapping per table, over any ADO.NET reader.
/// Times are ISO-8601 text in SQLite and timestamptz in PostgreSQL; <see cref="Time"/> reads either.
/// </summary>
internal static class RegistryRows
{
    public const string VariantColumns = "id, entity_id, kind, display_name, name_key, compact_key, alt_key, country, features, source_file, source_row, source_record_id, raw_name";
    public const string EntityColumns = "id, kind, canonical_name, status, survivor_id";
    public const string EventColumns = "seq, type, entity_id, other_id, actor, detail, time";
    public const string ModelColumns = "version, kind, parameters, note, created";
    public const string ProposalColumns = "id, entity_a, entity_b, score, explanation, status, created, decided_by, contributions";

    public static VariantRecord Variant(DbDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
            r.GetString(7), r.GetString(8), r.GetString(9), r.GetInt64(10), r.GetString(11), r.GetString(12));

    public static EntityRecord Entity(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(r, 4));

    public static RegistryEvent Event(DbDataReader r) =>
        new(r.GetString(1), r.GetString(2), Text(r, 3), r.GetString(4), r.GetString(5), Time(r, 6), r.GetInt64(0));

    public static ModelVersion Model(DbDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Time(r, 4));

    public static ReviewProposal Proposal(DbDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetString(4), r.GetString(5), Time(r, 6), Text(r, 7),
            ContributionsJson.Read(r.IsDBNull(8) ? "" : r.GetString(8)));

    public static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static DateTimeOffset Time(DbDataReader r, int i) => Time(r.GetValue(i));

    /// <summary>A time as either store returns it: text in SQLite, DateTime in PostgreSQL.</summary>
    public static DateTimeOffset Time(object value) => value switch
    {
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
        DateTimeOffset time => time,
        var other => new DateTimeOffset(DateTime.SpecifyKind(Convert.ToDateTime(other, CultureInfo.InvariantCulture), DateTimeKind.Utc)),
    };

    /// <summary>How SQLite stores a time: round-trip UTC text.</summary>
    public static string TimeText(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
