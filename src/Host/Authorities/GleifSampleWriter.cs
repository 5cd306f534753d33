using System.Globalization;
using Names.Host.Csv;
using Names.Host.Synthesis;
using Names.Resolver.Identifiers;

namespace Names.Host.Authorities;

/// <summary>
/// Generated GLEIF golden copy rows in the LEI-CDF CSV format (GLEIF's column names; the columns the import reads and a
/// few it ignores), for benchmarks and tests: legal entities of the synthetic generator, each with a valid LEI (prefix
/// 5299, check digits ISO 7064 MOD 97-10), a legal name, an other name for one in three, country and status. Every
/// 50th record names the next one as its successor and is INACTIVE/RETIRED.
/// </summary>
public static class GleifSampleWriter
{
    public static readonly string[] Columns =
    [
        "LEI", "Entity.LegalName", "Entity.LegalName.xmllang", "Entity.OtherEntityNames.OtherEntityName.1",
        "Entity.OtherEntityNames.OtherEntityName.1.xmllang", "Entity.OtherEntityNames.OtherEntityName.1.type",
        "Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1", "Entity.LegalAddress.FirstAddressLine",
        "Entity.LegalAddress.City", "Entity.LegalAddress.Country", "Entity.LegalJurisdiction", "Entity.EntityCategory",
        "Entity.LegalForm.EntityLegalFormCode", "Entity.EntityStatus", "Entity.SuccessorEntity.SuccessorLEI",
        "Registration.InitialRegistrationDate", "Registration.RegistrationStatus", "Registration.ManagingLOU",
    ];

    /// <summary>The LEI of the n-th generated record.</summary>
    public static string Lei(long n)
    {
        var body = "5299" + "00" + Base36(n, 12);
        var check = GlobalId.CheckDigits(body);
        return body + check.ToString("D2", CultureInfo.InvariantCulture);
    }

    private static string Base36(long n, int width)
    {
        const string digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var chars = new char[width];
        for (int i = width - 1; i >= 0; i--, n /= 36) chars[i] = digits[(int)(n % 36)];
        return new string(chars);
    }

    public static void Write(TextWriter writer, long rows, ulong seed)
    {
        var data = SynthesisData.LoadEmbedded();
        var entities = new SyntheticEntityFactory(data, seed);
        var renderer = new NameVariantRenderer(data);
        using var csv = CsvRowWriter.To(writer, protectFormulas: false);
        csv.Row(Columns);
        long rank = 0;
        for (long n = 0; n < rows; n++)
        {
            SyntheticEntity entity;
            do entity = entities.Create(rank++);
            while (entity.Kind == SyntheticKind.Person);
            var rng = SynthRandom.For(seed, 7, (ulong)n);
            var legal = renderer.Render(entity, ref rng);
            var other = rng.Chance(1.0 / 3) ? renderer.Render(entity, ref rng) : "";
            var retired = n % 50 == 49 && n + 1 < rows;
            csv.Row([
                Lei(n), legal, "en", other == legal ? "" : other, other.Length > 0 ? "en" : "", other.Length > 0 ? "TRADING_OR_OPERATING_NAME" : "", "",
                "1 Main Street", "City", entity.Country.Code, entity.Country.Code, "GENERAL", "", retired ? "INACTIVE" : "ACTIVE",
                retired ? Lei(n + 1) : "", "2014-01-01T00:00:00Z", retired ? "RETIRED" : "ISSUED", "529900T8BM49AURSDO55",
            ]);
        }
    }
}
