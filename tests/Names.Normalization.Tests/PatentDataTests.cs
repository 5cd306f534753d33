namespace Names.Normalization.Tests;

/// <summary>Variants seen in real patent data (PATSTAT-style spellings) that must share keys, and ones that must not.</summary>
public class PatentDataTests
{
    [Theory]
    [InlineData("AKZO NOBEL N.V.", "* AKZO NOBEL N.V.")]
    [InlineData("AKZO NOBEL N.V.", "Akzo Nobel, N.V.")]
    [InlineData("AKZO NOBEL N.V.", "AKZO NOBEL NV NAAMLOOZE VENNOOTSCHAP")]
    [InlineData("AKZO NOBEL N.V.", "AKZO NOBEL N.V., ARNHEM, NL")]
    [InlineData("NUTRICIA N.V.", "N.V.NUTRICIA")]
    [InlineData("NUTRICIA N.V.", "N.V. NUTRICIA, ZOETERMEER")]
    [InlineData("NUTRICIA N.V.", "NAAMLOZE VENNOOTSCHAP NUTRICIA")]
    [InlineData("UNILEVER N.V.", "UNILEVER N.V. (NL)")]
    [InlineData("DSM N.V.", "DSM N.V. TE HEERLEN.")]
    [InlineData("MAASLAND N.V.", "Maasland N.V. a Dutch Limited Co")]
    [InlineData("F. HOFFMANN-LA ROCHE AG", "F.HOFFMANN-LA ROCHE & CO. AG")]
    [InlineData("PHARMACIA & UPJOHN", "PHARMACIA &AMP; UPJOHN")]
    [InlineData("SONY EUROPE GMBH", "SONY EUROPA GMBH")]
    public void Variants_share_compact_key(string a, string b) =>
        Assert.Equal(Shared.One(a, "NL").CompactKey, Shared.One(b, "NL").CompactKey);

    [Theory]
    [InlineData("ACME INC", "ACME FRANCE SAS")]
    [InlineData("BAYER AG", "BAYER ANTWERPEN N.V.")]
    [InlineData("ARTEC GMBH", "ORTEC GMBH")]
    [InlineData("S.C. JOHNSON & SON, INC.", "S.C. JOHNSON INC.")]
    public void Different_entities_keep_different_keys(string a, string b) =>
        Assert.NotEqual(Shared.One(a).CompactKey, Shared.One(b).CompactKey);

    [Fact]
    public void Company_with_and_in_its_name_is_not_split()
    {
        Assert.Single(Shared.All("S.C. Johnson & Son, Inc."));
        Assert.Single(Shared.All("SMITH & NEPHEW PLC"));
        Assert.Single(Shared.All("SARA LEE/DE N.V."));
    }

    [Fact]
    public void Org_with_slash_is_not_a_person() => Assert.NotEqual(EntityKind.Person, Shared.One("SARA LEE/DE").Kind);

    [Fact]
    public void Hyphenated_surname_stays_whole()
    {
        var p = Shared.One("Anna Müller-Schmidt", kind: "person");
        Assert.Equal("Müller-Schmidt", p.FamilyName);
        Assert.Equal("Anna", p.GivenNames);
    }

    [Fact]
    public void Rule_order_is_the_spec_pipeline()
    {
        var order = Shared.Normalizer.RuleOrder;
        Assert.Equal(Enumerable.Range(1, 25).Select(i => "R" + i).Order(), order.Order());
        Assert.True(order.ToList().IndexOf("R14") < order.ToList().IndexOf("R16"));
        Assert.True(order.ToList().IndexOf("R16") < order.ToList().IndexOf("R9"));
        Assert.True(order.ToList().IndexOf("R21") < order.ToList().IndexOf("R5"));
        Assert.True(order.ToList().IndexOf("R22") < order.ToList().IndexOf("R24"));
        Assert.Equal("R23", order[^1]);
        var fired = Shared.One("THE ACME CO., LTD., TOKYO", "JP").Rules.ToList();
        Assert.True(fired.IndexOf("R9") < fired.IndexOf("R12"));
        Assert.True(fired.IndexOf("R12") < fired.IndexOf("R23"));
    }
}
