namespace Names.Normalization.Tests;

/// <summary>Our own examples per rule, in several languages.</summary>
public class RuleTests
{
    [Fact]
    public void R1_raw_name_is_kept_verbatim()
    {
        const string raw = "  *ACME\u00A0GmbH\t";
        Assert.Equal(raw, Shared.One(raw).RawName);
        Assert.Contains("R1", Shared.One(raw).Rules);
    }

    [Fact]
    public void R2_zero_width_and_control_characters_leave_display_and_keys()
    {
        var p = Shared.One("AC\u200BME\u0007 GmbH\u00A0");
        Assert.Equal("ACME GmbH", p.DisplayName);
        Assert.Equal("ACME", p.NameKey);
        Assert.Contains("R2", p.Rules);
        Assert.Equal("Société", Shared.One("Socie\u0301te\u0301", kind: "legal_entity").DisplayName);
    }

    [Theory]
    [InlineData("M&uuml;ller &amp; S&ouml;hne GmbH", "Müller & Söhne GmbH")]
    [InlineData("SOCI{ACUTE OVER (E)}T{ACUTE OVER (E)} G{ACUTE OVER (E)}N{ACUTE OVER (E)}RALE", "SOCIÉTÉ GÉNÉRALE")]
    [InlineData("BAR<i>CODE</i> LTD", "BAR CODE LTD")]
    [InlineData("FRAN{CEDILLA UNDER (C)}AIS SA", "FRANÇAIS SA")]
    public void R3_escapes(string raw, string display) => Assert.Equal(display, Shared.One(raw, kind: "legal_entity").DisplayName);

    [Theory]
    [InlineData("\"ACME GMBH\"", "ACME GMBH")]
    [InlineData("* - ACME LTD", "ACME LTD")]
    [InlineData("ACME LTD,", "ACME LTD")]
    [InlineData("ALCATEL N.V.          .", "ALCATEL N.V.")]
    public void R4_quotes_markers_white_space(string raw, string display) => Assert.Equal(display, Shared.One(raw).DisplayName);

    [Fact]
    public void R5_display_keeps_case()
    {
        var p = Shared.One("bioMérieux SA", "FR");
        Assert.Equal("bioMérieux SA", p.DisplayName);
        Assert.Equal("BIOMERIEUX", p.NameKey);
    }

    [Theory]
    [InlineData("Gist-Brocades N.V.", "GIST BROCADES", "GISTBROCADES")]
    [InlineData("O'NEILL & PARTNERS LTD", "ONEILL AND PARTNERS", "ONEILLANDPARTNERS")]
    [InlineData("D S M IP Assets B.V.", "DSM IP ASSETS", "DSMIPASSETS")]
    [InlineData("N.V.NUTRICIA", "NUTRICIA", "NUTRICIA")]
    public void R6_punctuation(string raw, string nameKey, string compact)
    {
        var p = Shared.One(raw, "NL");
        Assert.Equal(nameKey, p.NameKey);
        Assert.Equal(compact, p.CompactKey);
    }

    [Theory]
    [InlineData("Škoda Auto a.s.", "SKODA AUTO")]
    [InlineData("Łódzkie Zakłady Sp. z o.o.", "LODZKIE ZAKLADY")]
    [InlineData("Ørsted A/S", "ORSTED")]
    [InlineData("Großmann GmbH", "GROSSMANN")]
    [InlineData("Nestlé Société Anonyme", "NESTLE")]
    [InlineData("Đuro Đaković d.o.o.", "DURO DAKOVIC")]
    public void R7_diacritics_fold_in_keys(string raw, string key) => Assert.Equal(key, Shared.One(raw).NameKey);

    [Fact]
    public void R7_alt_key_only_when_different()
    {
        Assert.Equal("", Shared.One("SIEMENS AG").AltKey);
        Assert.Equal("MULLER", Shared.One("MUELLER GMBH").AltKey);
        Assert.Equal(Shared.One("MÜLLER GMBH").CompactKey, Shared.One("MUELLER GMBH").AltKey);
    }

    [Theory]
    [InlineData("ACME Co., Ltd.", "ACME", "Co., Ltd.")]
    [InlineData("Honda Giken Kogyo Kabushiki Kaisha", "HONDA GIKEN INDUSTRIES", "Kabushiki Kaisha")]
    [InlineData("KABUSHIKI KAISHA TOSHIBA", "TOSHIBA", "KABUSHIKI KAISHA")]
    [InlineData("Telefonaktiebolaget LM Ericsson (publ)", "TELEFONAKTIEBOLAGET LM ERICSSON", "(publ)")]
    [InlineData("Fiat S.p.A.", "FIAT", "S.p.A.")]
    [InlineData("Ford Motor Company", "FORD MOTOR", "")]
    [InlineData("Limited", "LIMITED", "")]
    [InlineData("PT Indofood Sukses Makmur Tbk", "INDOFOOD SUKSES MAKMUR", "PT Tbk")]
    [InlineData("삼성전자 주식회사", "SAMSEONG ELECTRONICS", "주식회사")]
    public void R9_legal_forms(string raw, string key, string form)
    {
        var p = Shared.One(raw);
        Assert.Equal(key, p.NameKey);
        Assert.Equal(form, p.LegalForm);
    }

    [Fact]
    public void R9_elf_code_only_when_unambiguous_for_the_country()
    {
        Assert.Equal("2HBR", Shared.One("ACME GmbH", "DE").ElfCode);
        Assert.Equal("", Shared.One("ACME GmbH").ElfCode);
        Assert.Equal("GmbH", Shared.One("ACME GmbH").LegalForm);
        Assert.Equal("", Shared.One("ACME INC", "US").ElfCode);
        Assert.Equal("INC", Shared.One("ACME INC", "US").LegalForm);
    }

    [Theory]
    [InlineData("ACME INTL LABS INC", "ACME INTERNATIONAL LABORATORIES INC")]
    [InlineData("ACME MFG CO", "ACME MANUFACTURING COMPANY")]
    [InlineData("UNIV OF TOKYO", "UNIVERSITY OF TOKYO")]
    public void R10_abbreviations(string a, string b) => Assert.Equal(Shared.One(b).NameKey, Shared.One(a).NameKey);

    [Theory]
    [InlineData("DUPONT ET FILS", "DUPONT AND FILS")]
    [InlineData("ROSSI E FIGLI SPA", "ROSSI AND FIGLI")]
    [InlineData("AT&T CORP", "AT&T")]
    public void R11_connectors(string raw, string key) => Assert.Equal(key, Shared.One(raw).NameKey);

    [Theory]
    [InlineData("LA POSTE", "LA POSTE")]
    [InlineData("LE CREUSET SAS", "CREUSET")]
    [InlineData("DIE SCHWEIZERISCHE POST AG", "SCHWEIZERISCHE POST")]
    [InlineData("L'AIR LIQUIDE SA", "AIR LIQUIDE")]
    [InlineData("L'OREAL", "LOREAL")]
    [InlineData("THE", "THE")]
    public void R12_articles(string raw, string key) => Assert.Equal(key, Shared.One(raw).NameKey);

    [Theory]
    [InlineData("SIEMENS HOLDING", "SIEMENS")]
    [InlineData("GROUPE SEB", "SEB")]
    [InlineData("ACME GROUP HOLDINGS LTD", "ACME")]
    [InlineData("HOLDING", "HOLDINGS")]
    public void R13_non_distinctive(string raw, string key) => Assert.Equal(key, Shared.One(raw).NameKey);

    [Fact]
    public void R14_other_fragments()
    {
        var inc = Shared.One("ACME WIDGETS, INC., A DELAWARE CORPORATION");
        Assert.Equal("ACME WIDGETS", inc.NameKey);
        Assert.Equal("A DELAWARE CORPORATION", inc.Incorporation);
        var ta = Shared.One("JOHN SMITH T/A SMITH ENGINEERING");
        Assert.Equal("SMITH ENGINEERING", ta.TradeName);
        var rep = Shared.One("UNITED STATES OF AMERICA AS REPRESENTED BY THE SECRETARY OF THE NAVY");
        Assert.Equal("UNITED STATES OF AMERICA", rep.NameKey);
        Assert.Equal("THE SECRETARY OF THE NAVY", rep.Representation);
        var addr = Shared.One("ASML NETHERLANDS B.V., VELDHOVEN", "NL");
        Assert.Equal("ASML NETHERLANDS", addr.NameKey);
        Assert.Equal("VELDHOVEN", addr.Address);
        var zhd = Shared.One("MUSTER GMBH Z.HD. HERRN MEIER", "DE");
        Assert.Equal("MUSTER", zhd.NameKey);
    }

    [Fact]
    public void R15_persons_and_line_breaks()
    {
        var persons = Shared.All("JOHN SMITH AND JANE DOE");
        Assert.Equal(2, persons.Count);
        Assert.All(persons, p => Assert.Equal(EntityKind.Person, p.Kind));
        Assert.Equal(2, Shared.All("SIEMENS AG\nBOSCH GMBH").Count);
        Assert.Single(Shared.All("JOHNSON & JOHNSON"));
        Assert.Single(Shared.All("PROCTER & GAMBLE COMPANY"));
        Assert.Single(Shared.All("F. HOFFMANN-LA ROCHE & CO. AG"));
        Assert.All(Shared.All("SIEMENS AG; BOSCH GMBH"), p => Assert.Contains("R15", p.Rules));
    }

    [Theory]
    [InlineData("山田 太郎", "山田", "太郎")]
    [InlineData("김철수", "김", "철수")]
    [InlineData("SMITH, JOHN", "SMITH", "JOHN")]
    [InlineData("John SMITH", "SMITH", "John")]
    [InlineData("MUELLER HANS", "MUELLER", "HANS")]
    [InlineData("Maria de la Cruz", "de la Cruz", "Maria")]
    [InlineData("García Márquez, Gabriel José", "García Márquez", "Gabriel José")]
    public void R17_parts(string raw, string family, string given)
    {
        var p = Shared.One(raw, kind: "person");
        Assert.Equal(family, p.FamilyName);
        Assert.Equal(given, p.GivenNames);
    }

    [Fact]
    public void R17_structured_columns_win()
    {
        var p = Assert.Single(Shared.Normalizer.Normalize(new NameInput("whatever", FamilyName: "Doe", GivenNames: "Jane")));
        Assert.Equal(EntityKind.Person, p.Kind);
        Assert.Equal("Doe", p.FamilyName);
        Assert.Equal("DOE JANE", p.NameKey);
    }

    [Theory]
    [InlineData("Prof. Dr.-Ing. Karl Müller", "MULLER KARL")]
    [InlineData("Mr. John Smith Jr.", "SMITH JOHN")]
    [InlineData("SMITH, JOHN III", "SMITH JOHN")]
    [InlineData("Herrn Dipl.-Ing. Peter Meier", "MEIER PETER")]
    public void R18_titles_and_suffixes(string raw, string key) => Assert.Equal(key, Shared.One(raw, kind: "person").NameKey);

    [Fact]
    public void R18_suffix_field() => Assert.Equal("Jr.", Shared.One("Mr. John Smith Jr.", kind: "person").Suffix);

    [Theory]
    [InlineData("Ludwig van Beethoven", "VAN BEETHOVEN, LUDWIG")]
    [InlineData("Jan van der Berg", "VANDERBERG, JAN")]
    [InlineData("Seán O'Brien", "O BRIEN, SEAN")]
    public void R19_particles(string a, string b) => Assert.Equal(Shared.One(b, kind: "person").CompactKey, Shared.One(a, kind: "person").CompactKey);

    [Fact]
    public void R20_units()
    {
        var p = Shared.One("SIEMENS AG MUNICH BRANCH");
        Assert.Equal("SIEMENS", p.NameKey);
        Assert.Equal("MUNICH BRANCH", p.OrgUnit);
        var d = Shared.One("DEPARTMENT OF PHYSICS, UNIVERSITY OF OXFORD");
        Assert.Equal("UNIVERSITY OF OXFORD", d.NameKey);
        Assert.Equal("DEPARTMENT OF PHYSICS", d.OrgUnit);
    }

    [Fact]
    public void R21_regents_and_campus()
    {
        Assert.Equal(Shared.One("UNIVERSITY OF CALIFORNIA").NameKey, Shared.One("THE REGENTS OF THE UNIVERSITY OF CALIFORNIA").NameKey);
        Assert.Equal(Shared.One("HARVARD COLLEGE").NameKey, Shared.One("PRESIDENT AND FELLOWS OF HARVARD COLLEGE").NameKey);
        Assert.Equal("MERCED", Shared.One("UNIVERSITY OF CALIFORNIA, MERCED").OrgUnit);
        // a campus that is a city of the gazetteer is an address (R20)
        var berkeley = Shared.One("UNIVERSITY OF CALIFORNIA, BERKELEY");
        Assert.Equal(("UNIVERSITY OF CALIFORNIA", "BERKELEY"), (berkeley.NameKey, berkeley.Address));
    }

    [Theory]
    [InlineData("ACME ELEKTRONIK GMBH", "ACME ELECTRONIC INC")]
    [InlineData("ACME TECHNOLOGIES LTD", "ACME TECHNOLOGIE SA")]
    [InlineData("ACME CHEMIE AG", "ACME CHEMICALS CORP")]
    public void R22_common_word_variants(string a, string b) => Assert.Equal(Shared.One(b).NameKey, Shared.One(a).NameKey);
}

public class SourceReferenceTests
{
    [Fact]
    public void R1_source_reference_is_carried_to_every_party()
    {
        var parties = Shared.Normalizer.Normalize(new NameInput("ALPHA GMBH; BETA AG") { SourceRef = "EP1234567:applicant:1" });
        Assert.Equal(2, parties.Count);
        Assert.All(parties, p => Assert.Equal("EP1234567:applicant:1", p.SourceRef));
        Assert.All(parties, p => Assert.Equal("ALPHA GMBH; BETA AG", p.RawName));
    }
}

public class MoreLanguageTests
{
    [Theory]
    [InlineData("ИВАНОВ ИВАН ИВАНОВИЧ", "ИВАНОВ", "IVANOV IVAN IVANOVICH")]
    [InlineData("Иван Иванович Иванов", "Иванов", "IVANOV IVAN IVANOVICH")]
    [InlineData("王小明", "王", "WANG XIAOMING")]
    public void Person_order_in_other_scripts(string raw, string family, string key)
    {
        var p = Shared.One(raw);
        Assert.Equal(EntityKind.Person, p.Kind);
        Assert.Equal(family, p.FamilyName);
        Assert.Equal(key, p.NameKey);
    }

    [Fact]
    public void Trailing_title_after_comma()
    {
        var p = Shared.One("Müller, Hans-Peter, Dr.");
        Assert.Equal(EntityKind.Person, p.Kind);
        Assert.Equal("Dr.", p.Titles);
        Assert.Equal("Hans-Peter", p.GivenNames);
    }

    [Fact]
    public void Brackets_stay_in_display_and_form()
    {
        Assert.Equal("(주)삼성전자", Shared.One("(주)삼성전자", "KR").DisplayName);
        Assert.Equal("(publ)", Shared.One("Telefonaktiebolaget L M Ericsson (publ)", "SE").LegalForm);
    }

    [Fact]
    public void Initial_e_is_not_a_connector() => Assert.StartsWith("EI DU PONT", Shared.One("E. I. du Pont de Nemours and Company").NameKey);

    [Theory]
    [InlineData("Открытое акционерное общество Газпром", "RU", "Открытое акционерное общество", "MT3A")]
    [InlineData("Публичное акционерное общество Газпром", "RU", "Публичное акционерное общество", "4TYO")]
    [InlineData("Акционерное общество Газпром", "RU", "Акционерное общество", "R71T")]
    [InlineData("Общество с ограниченной ответственностью Газпром", "RU", "Общество с ограниченной ответственностью", "17R7")]
    [InlineData("OPEN JOINT STOCK COMPANY GAZPROM", "RU", "OPEN JOINT STOCK COMPANY", "")]
    [InlineData("Joint-Stock Company Gazprom", null, "Joint-Stock Company", "")]
    [InlineData("Gazprom Limited Liability Company", "US", "Limited Liability Company", "")]
    public void R9_russian_forms_written_out_and_their_english_translations_leave_the_key(string raw, string? country, string form, string elf)
    {
        var p = Shared.One(raw, country);
        Assert.Equal(EntityKind.LegalEntity, p.Kind);
        Assert.Equal(form, p.LegalForm);
        Assert.Equal(elf, p.ElfCode);
        Assert.Equal("GAZPROM", p.CompactKey);
    }

    [Theory]
    [InlineData("ბარაკ ობამა")] // Mkhedruli, as Georgian is written
    [InlineData("ᲑᲐᲠᲐᲙ ᲝᲑᲐᲛᲐ")] // Mtavruli capitals (Unicode 11)
    public void R5_R8_georgian_keys_are_romanised_whichever_case_is_filed(string raw)
    {
        var p = Shared.One(raw);
        Assert.Equal("BARAK OBAMA", p.NameKey);
        Assert.Equal(raw, p.DisplayName);
        Assert.Equal("barak' obama", p.RomanizedName);
    }
}
