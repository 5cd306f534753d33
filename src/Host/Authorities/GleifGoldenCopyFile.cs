using System.Runtime.CompilerServices;
using Names.Host.Csv;
using Names.Resolver.ExternalIds;

namespace Names.Host.Authorities;

/// <summary>
/// The GLEIF golden copy in its LEI-CDF CSV format (one row per LEI record, GLEIF's column names): the LEI, the legal
/// name, other and transliterated names (numbered columns .1 to .5), legal address country, ELF code, entity and
/// registration status, successor LEI. Columns other than these are ignored; LEI and Entity.LegalName must be there.
/// </summary>
public sealed class GleifGoldenCopyFile(Stream stream) : IAuthorityFile
{
    public const string Lei = "LEI";
    public const string LegalName = "Entity.LegalName";
    public const string Country = "Entity.LegalAddress.Country";
    public const string ElfCode = "Entity.LegalForm.EntityLegalFormCode";
    public const string EntityStatus = "Entity.EntityStatus";
    public const string RegistrationStatus = "Registration.RegistrationStatus";
    public const string SuccessorLei = "Entity.SuccessorEntity.SuccessorLEI";
    public const int NumberedNames = 5;
    public static string OtherName(int n) => $"Entity.OtherEntityNames.OtherEntityName.{n}";
    public static string TransliteratedName(int n) => $"Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.{n}";

    /// <summary>ELF codes that name no form: 8888 (form not on the list yet), 9999 (no form applies).</summary>
    private static readonly HashSet<string> NoForm = ["8888", "9999"];

    private readonly CsvCharSource _source = CsvCharSource.Open(stream);

    public string Scheme => "lei";
    public long RecordsRead { get; private set; }
    public long BytesRead => _source.BytesRead;

    public async IAsyncEnumerable<AuthorityFileRecord> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new CsvRecordReader(_source);
        var columns = reader.ReadHeader() ?? throw new InvalidDataException("the file is empty: a GLEIF golden copy CSV starts with its header (LEI,Entity.LegalName,...)");
        var header = new CsvHeader(columns);
        int Required(string name) => header.Find(name)
            ?? throw new InvalidDataException($"not a GLEIF golden copy (LEI-CDF) CSV: the header has no column '{name}' (line 1 starts with '{string.Join(",", columns.Take(3))}')");
        var lei = Required(Lei);
        var legalName = Required(LegalName);
        int? country = header.Find(Country), elf = header.Find(ElfCode), entityStatus = header.Find(EntityStatus),
            registrationStatus = header.Find(RegistrationStatus), successor = header.Find(SuccessorLei);
        var names = Enumerable.Range(1, NumberedNames).SelectMany(n => new[] { header.Find(OtherName(n)), header.Find(TransliteratedName(n)) })
            .OfType<int>().Prepend(legalName).ToArray();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var kind = reader.ReadNext(columns.Length, out var row, out var reject);
            if (kind == CsvReadKind.End) yield break;
            RecordsRead++;
            if (kind == CsvReadKind.Reject)
            {
                yield return new AuthorityFileRecord(null, reject);
                continue;
            }
            string Field(int? i) => i is { } at ? row.Fields[at].Trim() : "";
            var raw = string.Join(",", row.Fields.Take(3));
            if (!ExternalIdSchemes.TryParse("lei", Field(lei), out var id, out var why))
            {
                yield return new AuthorityFileRecord(null, new CsvReject(row.Line, why, raw));
                continue;
            }
            if (Field(legalName).Length == 0)
            {
                yield return new AuthorityFileRecord(null, new CsvReject(row.Line, $"{id}: no legal name", raw));
                continue;
            }
            ExternalId? next = null;
            if (Field(successor).Length > 0 && !ExternalIdSchemes.TryParse("lei", Field(successor), out next, out why))
            {
                yield return new AuthorityFileRecord(null, new CsvReject(row.Line, $"{id}: successor {why}", raw));
                continue;
            }
            var elfCode = Field(elf);
            var status = string.Join("/", new[] { Field(entityStatus), Field(registrationStatus) }.Where(s => s.Length > 0));
            var recordNames = names.Select(i => row.Fields[i].Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            yield return new AuthorityFileRecord(new AuthorityRecord(row.Line, id, recordNames, Field(country).ToUpperInvariant(),
                NoForm.Contains(elfCode) ? "" : elfCode, status, next), null);
        }
    }
}
