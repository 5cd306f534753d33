using System.Text.Json;
using Names.Resolver.ExternalIds;

namespace Names.Resolver.Tests;

public class ExternalIdTests
{
    [Theory]
    // LEIs published by GLEIF (its own, Apple Inc., and the ISO 17442 example) and the LEI example of ISO 17442:2020 Annex.
    [InlineData("506700GE1G29325QX363")]
    [InlineData("HWUPKR0MPOU8FGXBT394")]
    [InlineData("5493001KJTIIGC8Y1R12")]
    [InlineData("7LTWFZYICNSX8D621K86")]
    public void Published_leis_are_accepted(string lei) => Assert.Equal(lei, ExternalIdSchemes.Parse("lei", lei).Value);

    [Theory]
    [InlineData("506700GE1G29325QX364", "wrong check digits")]    // last digit changed
    [InlineData("HWUPKR0MPOU8FGXBT349", "wrong check digits")]    // check digits swapped
    [InlineData("HWUPKR0MPOU8FGXTB394", "wrong check digits")]    // two characters swapped
    [InlineData("5493001KJTIIGC8Y1R1", "20 characters")]
    [InlineData("5493001KJTIIGC8Y1R1A", "two check digits")]
    [InlineData("5493001KJTIIGC8Y1R_2", "letters A-Z and digits")]
    public void Invalid_leis_are_refused_with_their_reason(string lei, string reason)
    {
        Assert.False(ExternalIdSchemes.TryParse("lei", lei, out _, out var why));
        Assert.Contains(reason, why);
        Assert.Contains(reason, Assert.Throws<ExternalIdException>(() => ExternalIdSchemes.Parse("lei", lei)).Message);
    }

    [Fact]
    public void Lei_is_read_in_lower_case_and_with_spaces() =>
        Assert.Equal("HWUPKR0MPOU8FGXBT394", ExternalIdSchemes.Parse("LEI", " hwupkr0mpou8 fgxbt394 ").Value);

    [Theory]
    // ORCID's documented examples (support.orcid.org, "Structure of the ORCID Identifier"): Josiah Carberry, an X check.
    [InlineData("0000-0002-1825-0097", "0000-0002-1825-0097")]
    [InlineData("https://orcid.org/0000-0002-1694-233X", "0000-0002-1694-233X")]
    [InlineData("0000000218250097", "0000-0002-1825-0097")]
    [InlineData("0000-0001-5109-3700", "0000-0001-5109-3700")]
    public void Orcids_are_accepted_in_their_written_forms(string raw, string normal) =>
        Assert.Equal(normal, ExternalIdSchemes.Parse("orcid", raw).Value);

    [Theory]
    [InlineData("0000-0002-1825-0098", "wrong check character")]
    [InlineData("0000-0002-1825-009X", "wrong check character")]
    [InlineData("0000-0002-1825-009", "16 digits")]
    [InlineData("0000-0002-1825-00A7", "15 digits and a check digit or X")]
    public void Invalid_orcids_are_refused_with_their_reason(string raw, string reason)
    {
        Assert.False(ExternalIdSchemes.TryParse("orcid", raw, out _, out var why));
        Assert.Contains(reason, why);
    }

    [Fact]
    public void Every_ror_id_of_the_ror_sample_is_valid_a_changed_check_digit_is_not_and_so_are_its_other_ids()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RorSample));
        int ror = 0, other = 0;
        var refused = new List<string>();
        foreach (var record in doc.RootElement.EnumerateArray())
        {
            var id = record.GetProperty("id").GetString()!;
            var parsed = ExternalIdSchemes.Parse("ror", id);
            Assert.Equal(id["https://ror.org/".Length..], parsed.Value);
            var broken = parsed.Value[..8] + (char)('0' + (parsed.Value[8] - '0' + 1) % 10);
            Assert.False(ExternalIdSchemes.TryParse("ror", broken, out _, out var why), broken);
            Assert.Contains("wrong check digits", why);
            ror++;
            foreach (var external in record.GetProperty("external_ids").EnumerateArray())
            {
                var scheme = external.GetProperty("type").GetString()!;
                if (scheme == "grid") continue; // GRID ids are retired: not a scheme Names keeps
                foreach (var value in external.GetProperty("all").EnumerateArray())
                {
                    if (ExternalIdSchemes.TryParse(scheme, value.GetString()!, out _, out var reason)) other++;
                    else refused.Add(reason);
                }
            }
        }
        Assert.Equal(2961, ror);
        // One record of the sample (0376b7f46) gives "10" as its FundRef id: a truncated value, refused.
        Assert.Equal(["FundRef id '10': a FundRef id is 6 to 15 digits (10.13039/501100000780)"], refused);
        Assert.True(other > 1000, $"{other} other ids");
    }

    [Theory]
    [InlineData("ror", "https://ror.org/0000ev08", "9 characters")]
    [InlineData("ror", "1000ev088", "starts with 0")]
    [InlineData("ror", "0000eu088", "Crockford base32")]
    [InlineData("wikidata", "Q0", "Q and a number")]
    [InlineData("wikidata", "P31", "Q and a number")]
    [InlineData("fundref", "10.13039/50110000078O", "6 to 15 digits")]
    [InlineData("isni", "0000 0004 6050 0825", "wrong check character")]
    [InlineData("office:ZZ", "123", "not a WIPO ST.3 office code")]
    [InlineData("office:EP", "  ", "empty office number")]
    [InlineData("duns", "123456789", "unknown identifier scheme")]
    public void Other_schemes_refuse_invalid_values_with_their_reason(string scheme, string value, string reason)
    {
        Assert.False(ExternalIdSchemes.TryParse(scheme, value, out _, out var why));
        Assert.Contains(reason, why);
    }

    [Theory]
    [InlineData("isni", "0000 0004 6050 0824", "isni:0000000460500824")]
    [InlineData("wikidata", "https://www.wikidata.org/wiki/Q42", "wikidata:Q42")]
    [InlineData("fundref", "10.13039/501100000780", "fundref:501100000780")]
    [InlineData("office:ep", " 12345 ", "office:EP:12345")]
    [InlineData("office:JP", "000003207", "office:JP:000003207")]
    public void Values_are_kept_in_their_schemes_normal_form(string scheme, string value, string expected) =>
        Assert.Equal(expected, ExternalIdSchemes.Parse(scheme, value).ToString());

    private static string RorSample => Path.Combine(RepositoryPaths.Root, "datasets", "ror-org-names", "ror_records_v2.json");
}
