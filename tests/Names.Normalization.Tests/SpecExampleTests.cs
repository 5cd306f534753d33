namespace Names.Normalization.Tests;

/// <summary>Every example given in the name-cleaning spec (reference/name-cleaning-spec.md).</summary>
public class SpecExampleTests
{
    [Fact]
    public void R2_full_width_and_ligatures_fold_in_keys()
    {
        var p = Shared.One("ＸＹＺ工業株式会社", "JP");
        Assert.StartsWith("XYZ", p.CompactKey);
        Assert.Equal("株式会社", p.LegalForm);
        Assert.Equal(Shared.One("Profile Systems").NameKey, Shared.One("Proﬁle Systems").NameKey);
    }

    [Theory]
    [InlineData("L&apos;OREAL", "L'OREAL")]
    [InlineData("K{UMLAUT OVER (O)}NIG AG", "KÖNIG AG")]
    [InlineData("MAX<BR>PLANCK", "MAX PLANCK")]
    [InlineData("  NOVA   TEC\tGMBH ", "NOVA TEC GMBH")]
    public void R3_R4_display(string raw, string display)
    {
        var p = Shared.One(raw, kind: "legal_entity");
        Assert.Equal(display, p.DisplayName);
    }

    [Fact]
    public void R5_case_shares_keys() => Assert.Equal(Shared.One("ELUX LTD").NameKey, Shared.One("eLux Ltd").NameKey);

    [Fact]
    public void R6_punctuation()
    {
        Assert.Equal("SPA", Shared.One("ACME S.P.A.").LegalForm.Replace(".", "").ToUpperInvariant());
        Assert.Equal(Shared.One("ALPHA N.V.").NameKey, Shared.One("ALPHA N V").NameKey);
        var keys = new[] { "TRI-STAR", "TRI STAR", "TRISTAR" }.Select(n => Shared.One(n).CompactKey).Distinct();
        Assert.Single(keys);
    }

    [Fact]
    public void R7_diacritics_and_german_transcriptions()
    {
        Assert.Equal("FURTH", Shared.One("Fürth").CompactKey);
        Assert.Equal("FURTH", Shared.One("FUERTH").AltKey);
        Assert.Equal("SAMUEL", Shared.One("SAMUEL").CompactKey);
        Assert.Equal("OLAESSAEOE", Shared.One("ØŁÆSSÆŒ").CompactKey);
    }

    [Fact]
    public void R9_composite_form_and_elf()
    {
        var p = Shared.One("Vereinigte Werke GmbH & Co. KG", "DE");
        Assert.Equal("VEREINIGTE WERKE", p.NameKey);
        Assert.Equal("GmbH & Co. KG", p.LegalForm);
        var o = Shared.One("OOO Tekhnopark", "RU");
        Assert.Equal("OOO", o.LegalForm);
        Assert.Equal("17R7", o.ElfCode);
        Assert.Equal("TEKHNOPARK", o.NameKey);
    }

    [Fact]
    public void R9_leading_form_only_when_the_rest_is_the_name()
    {
        var volvo = Shared.One("AB VOLVO", "SE");
        Assert.Equal("AB", volvo.LegalForm);
        Assert.Equal("VOLVO", volvo.NameKey);
        var chem = Shared.One("AG CHEM INC", "US");
        Assert.Equal("INC", chem.LegalForm);
        Assert.StartsWith("AG ", chem.NameKey);
    }

    [Fact]
    public void R10_generic_abbreviations() =>
        Assert.Equal(Shared.One("NATIONAL SEMICONDUCTOR CORPORATION").NameKey, Shared.One("NATL SEMICONDUCTOR CORP").NameKey);

    [Fact]
    public void R11_ampersand()
    {
        Assert.Equal(Shared.One("BLACK AND DECKER").NameKey, Shared.One("BLACK & DECKER").NameKey);
        Assert.Equal(Shared.One("HILL AND PARTNER").NameKey, Shared.One("HILL UND PARTNER", "DE").NameKey);
        Assert.Contains("R&D", Shared.One("R&D SYSTEMS INC").NameKey);
        Assert.Contains("B&Q", Shared.One("B & Q PLC").NameKey);
    }

    [Fact]
    public void R12_leading_articles() => Assert.Equal(Shared.One("THE BOEING COMPANY").NameKey, Shared.One("BOEING CO, THE").NameKey);

    [Fact]
    public void R13_non_distinctive_words()
    {
        Assert.Equal("BOEING", Shared.One("BOEING COMPANY").NameKey);
        Assert.Equal("NOVAPHARM", Shared.One("SOCIETE NOVAPHARM").NameKey);
        Assert.Equal("GROUP", Shared.One("GROUP").NameKey);
    }

    [Fact]
    public void R14_care_of()
    {
        var p = Shared.One("NORDLICHT OY C/O PATENT AGENCY KARHU", "FI");
        Assert.Equal("NORDLICHT", p.NameKey);
        Assert.Equal("PATENT AGENCY KARHU", p.CareOf);
    }

    [Fact]
    public void R15_several_parties()
    {
        var two = Shared.All("ALPHA GMBH; BETA AG");
        Assert.Equal(2, two.Count);
        Assert.Equal(new[] { 1, 2 }, two.Select(p => p.PartySeq));
        Assert.Equal("ALPHA", two[0].NameKey);
        Assert.Equal("BETA", two[1].NameKey);
        Assert.Single(Shared.All("BARNES & NOBLE INC"));
    }

    [Fact]
    public void R16_kinds()
    {
        Assert.Equal(EntityKind.LegalEntity, Shared.One("UNIVERSITÄT STUTTGART").Kind);
        Assert.Equal("university", Shared.One("UNIVERSITÄT STUTTGART").EntitySubtype);
        Assert.Equal("university", Shared.One("UNIVERSIDAD DE SEVILLA").EntitySubtype);
        Assert.Equal("university", Shared.One("東京大学").EntitySubtype);
        Assert.Equal("government", Shared.One("MINISTRY OF DEFENCE").EntitySubtype);
        Assert.Equal("institute", Shared.One("INSTITUT PASTEUR").EntitySubtype);
        Assert.Equal("hospital", Shared.One("KLINIKUM DER UNIVERSITÄT MÜNCHEN").EntitySubtype);
        Assert.Equal("institute", Shared.One("中国科学院化学研究所").EntitySubtype);
        Assert.Equal("company", Shared.One("华为技术有限公司", "CN").EntitySubtype);
        Assert.Equal(EntityKind.Person, Shared.One("Jane B. Doe").Kind);
        Assert.Equal(EntityKind.Person, Shared.One("ACME", kind: "person").Kind);
    }

    [Fact]
    public void R17_persons_share_keys_whatever_the_order()
    {
        var a = Shared.One("DOE, JANE B.");
        var b = Shared.One("Jane B. Doe");
        Assert.Equal(a.NameKey, b.NameKey);
        Assert.Equal(a.CompactKey, b.CompactKey);
        Assert.Equal("DOE JANE B", a.NameKey);
        var c = Shared.One("PÉREZ GALDÓS, Benito");
        Assert.Equal("PÉREZ GALDÓS", c.FamilyName);
        Assert.Equal("Benito", c.GivenNames);
    }

    [Fact]
    public void R18_titles()
    {
        var p = Shared.One("Dr. rer. nat. Eva Schulz");
        Assert.Equal("SCHULZ", p.FamilyName.ToUpperInvariant());
        Assert.Equal("EVA", p.GivenNames.ToUpperInvariant());
        Assert.Contains("Dr.", p.Titles);
    }

    [Fact]
    public void R19_particles()
    {
        var p = Shared.One("Vincent van Gogh");
        Assert.Equal("VAN GOGH", p.FamilyName.ToUpperInvariant());
        Assert.Equal(p.CompactKey, Shared.One("VAN GOGH, VINCENT").CompactKey);
    }

    [Fact]
    public void R20_subsidiaries_keep_their_own_keys() =>
        Assert.NotEqual(Shared.One("ACME INC").CompactKey, Shared.One("ACME FRANCE SAS").CompactKey);

    [Fact]
    public void R21_governance_wrappers()
    {
        var a = Shared.One("BOARD OF TRUSTEES OF THE LELAND STANFORD JUNIOR UNIVERSITY");
        Assert.Equal(Shared.One("LELAND STANFORD JUNIOR UNIV").NameKey, a.NameKey);
        Assert.Equal("BOARD OF TRUSTEES OF", a.RolePrefix);
    }

    [Fact]
    public void R22_spelling_variants_of_common_words_only()
    {
        Assert.Equal(Shared.One("ACME SYSTEMS").NameKey, Shared.One("ACME SYSTEMEN").NameKey);
        Assert.Equal(Shared.One("ACME SYSTEMS").NameKey, Shared.One("ACME SYSTEMES").NameKey);
        Assert.NotEqual(Shared.One("ARTEC").NameKey, Shared.One("ORTEC").NameKey);
    }

    [Fact]
    public void R23_record_carries_rules_and_version()
    {
        var p = Shared.One("ACME GMBH", "DE");
        Assert.Equal(NameNormalizer.RulesetVersion, p.RulesetVersion);
        Assert.Equal("2HBR", p.ElfCode);
        Assert.Contains("R9", p.Rules);
        Assert.Equal("R1", p.Rules[0]);
        Assert.Equal("R23", p.Rules[^1]);
        Assert.Equal(p, Shared.One("ACME GMBH", "DE") with { Rules = p.Rules });
    }
}
