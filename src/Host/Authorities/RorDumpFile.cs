using System.Runtime.CompilerServices;
using System.Text.Json;
using Names.Host.Csv;
using Names.Resolver.ExternalIds;

namespace Names.Host.Authorities;

/// <summary>
/// A ROR data dump in schema v2 JSON: one array of organisation records, read one record at a time
/// (JsonSerializer.DeserializeAsyncEnumerable) so memory stays flat. From each record: its id, its names (the
/// ror_display name first, then labels, aliases and acronyms), the country of its first location, its status, the
/// record that succeeds it (relationships of type successor) and its ISNI, Wikidata and FundRef ids. A record's
/// position in the array (1-based) stands for its line in the rejects file.
/// </summary>
public sealed class RorDumpFile(Stream stream) : IAuthorityFile
{
    private static readonly HashSet<string> KeptSchemes = ["isni", "wikidata", "fundref"];
    private readonly ByteCountingStream _stream = new(stream);

    public string Scheme => "ror";
    public long RecordsRead { get; private set; }
    public long BytesRead => _stream.Count;

    public async IAsyncEnumerable<AuthorityFileRecord> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var first = true;
        var records = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(_stream, cancellationToken: ct);
        await using var e = records.GetAsyncEnumerator(ct);
        while (true)
        {
            bool more;
            try { more = await e.MoveNextAsync(); }
            catch (JsonException x)
            {
                throw new InvalidDataException(first
                    ? $"not a ROR schema v2 dump: the file is not a JSON array of records ({x.Message})"
                    : $"the ROR dump breaks off after record {RecordsRead}: {x.Message}");
            }
            if (!more) yield break;
            RecordsRead++;
            var element = e.Current;
            if (first)
            {
                first = false;
                if (Problem(element) is { } problem) throw new InvalidDataException($"not a ROR schema v2 dump: record 1 {problem}");
            }
            yield return Read(element, RecordsRead, out var skipped);
            foreach (var reject in skipped) yield return new AuthorityFileRecord(null, reject);
        }
    }

    /// <summary>Why the element is not a ROR v2 record, or null.</summary>
    private static string? Problem(JsonElement e) =>
        e.ValueKind != JsonValueKind.Object ? $"is a JSON {e.ValueKind.ToString().ToLowerInvariant()}, not an object"
        : !e.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String ? "has no \"id\""
        : !e.TryGetProperty("names", out var names) || names.ValueKind != JsonValueKind.Array ? "has no \"names\" array (ROR schema v1 has \"name\"; v2 is needed)"
        : null;

    private static AuthorityFileRecord Read(JsonElement e, long index, out List<CsvReject> skipped)
    {
        skipped = [];
        var raw = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var rawId) ? rawId.ToString() : e.ValueKind.ToString();
        if (Problem(e) is { } problem) return new AuthorityFileRecord(null, new CsvReject(index, "record " + problem, raw));
        if (!ExternalIdSchemes.TryParse("ror", e.GetProperty("id").GetString()!, out var id, out var why))
            return new AuthorityFileRecord(null, new CsvReject(index, why, raw));
        var names = e.GetProperty("names").EnumerateArray()
            .Where(n => n.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Trim().Length > 0)
            .OrderBy(n => HasType(n, "ror_display") ? 0 : HasType(n, "label") ? 1 : HasType(n, "alias") ? 2 : 3)
            .Select(n => n.GetProperty("value").GetString()!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0) return new AuthorityFileRecord(null, new CsvReject(index, $"{id}: no name", raw));
        var country = e.TryGetProperty("locations", out var locations) && locations.ValueKind == JsonValueKind.Array
            && locations.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } location
            && location.TryGetProperty("geonames_details", out var details) && details.TryGetProperty("country_code", out var code)
            ? code.GetString() ?? "" : "";
        var status = e.TryGetProperty("status", out var s) ? s.GetString() ?? "" : "";
        ExternalId? successor = null;
        if (e.TryGetProperty("relationships", out var relationships) && relationships.ValueKind == JsonValueKind.Array)
            foreach (var r in relationships.EnumerateArray())
                if (r.TryGetProperty("type", out var type) && type.GetString() == "successor" && r.TryGetProperty("id", out var next)
                    && ExternalIdSchemes.TryParse("ror", next.GetString() ?? "", out var parsed, out _))
                    successor ??= parsed;
        var others = new List<ExternalId>();
        if (e.TryGetProperty("external_ids", out var externals) && externals.ValueKind == JsonValueKind.Array)
            foreach (var x in externals.EnumerateArray())
            {
                var scheme = x.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
                if (!KeptSchemes.Contains(scheme) || !x.TryGetProperty("all", out var all) || all.ValueKind != JsonValueKind.Array) continue;
                foreach (var value in all.EnumerateArray())
                {
                    if (ExternalIdSchemes.TryParse(scheme, value.ToString(), out var other, out var reason)) others.Add(other);
                    else skipped.Add(new CsvReject(index, $"{id}: {reason} (the record is imported without it)", raw));
                }
            }
        return new AuthorityFileRecord(new AuthorityRecord(index, id, names, country.ToUpperInvariant(), "", status, successor, others), null);
    }

    private static bool HasType(JsonElement name, string type) =>
        name.TryGetProperty("types", out var types) && types.ValueKind == JsonValueKind.Array && types.EnumerateArray().Any(t => t.GetString() == type);
}
