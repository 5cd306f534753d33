namespace Names.Normalization.Tests;

/// <summary>
/// One organisation across scripts and languages (issue 13): words of text written without spaces, generic words as
/// concepts, Japanese readings, place names, acronyms.
/// </summary>
public class ScriptsAndLanguagesTests
{
    [Theory]
    [InlineData("华为技术有限公司", "CN", "HUAWEI TECHNOLOGY")]
    [InlineData("中国石油化工股份有限公司", "CN", "CHINA PETROLEUM CHEMICAL")]
    [InlineData("北京师范大学", "CN", "BEIJING NORMAL UNIVERSITY")]
    [InlineData("삼성전자 주식회사", "KR", "SAMSEONG ELECTRONICS")]
    [InlineData("서울대학교", "KR", "SEOUL UNIVERSITY")]
    public void Text_without_spaces_is_split_into_words_and_generic_words_become_concepts(string raw, string country, string key)
    {
        var p = Shared.One(raw, country);
        Assert.Equal(key, p.NameKey);
        Assert.Contains("R8", p.Rules);
    }

    [Theory]
    [InlineData("华为技术有限公司", "HUAWEI TECHNOLOGIES CO., LTD.")]
    [InlineData("中国石油化工股份有限公司", "China Petroleum and Chemical Corporation")]
    [InlineData("Universidade dos Açores", "University of the Azores")]
    [InlineData("Tokyo University", "University of Tokyo")]
    [InlineData("Technische Universität München", "Technical University of Munich")]
    [InlineData("Πανεπιστήμιο Αθηνών", "University of Athens")]
    public void Names_in_other_languages_scripts_and_word_orders_share_the_concept_key(string a, string b)
    {
        var pa = Shared.One(a);
        var pb = Shared.One(b);
        Assert.NotEqual("", pa.ConceptKey);
        Assert.Equal(pa.ConceptKey, pb.ConceptKey);
    }

    [Fact]
    public void Concept_key_marks_concepts_drops_function_words_and_sorts()
    {
        var p = Shared.One("Universidade dos Açores", "PT");
        Assert.Equal("#UNIVERSITY AZORES", p.ConceptKey);
        Assert.Equal("UNIVERSITY DOS AZORES", p.NameKey);
        Assert.Contains("R24", p.Rules);
        Assert.Equal("", Shared.One("Jane Doe", "US", "person").ConceptKey);
    }

    [Fact]
    public void Distinct_organisations_keep_distinct_concept_keys()
    {
        Assert.NotEqual(Shared.One("University of Tokyo").ConceptKey, Shared.One("Tokyo Institute of Technology").ConceptKey);
        Assert.NotEqual(Shared.One("Hitachi Ltd").ConceptKey, Shared.One("Toshiba Corp").ConceptKey);
    }

    [Fact]
    public void Japanese_names_are_read_in_japanese_when_kakasi_is_installed()
    {
        if (!Shared.Normalizer.JapaneseReadingAvailable)
        {
            // without kakasi the Chinese reading is used, and the normaliser says why
            Assert.Contains("kakasi", Shared.Normalizer.JapaneseReadingProblem);
            return;
        }
        var hitachi = Shared.One("株式会社日立製作所", "JP");
        Assert.Equal("HITACHI MANUFACTURING", hitachi.NameKey);
        Assert.Equal("株式会社", hitachi.LegalForm);
        Assert.Equal("TOKYO UNIVERSITY", Shared.One("東京大学", "JP").NameKey); // TOUKYOU folded to TOKYO
        Assert.Equal("TOYOTA MOTOR", Shared.One("トヨタ自動車株式会社").NameKey); // kana: Japanese without a country
        Assert.Equal("YAMADA TARO", Shared.One("山田 太郎", "JP", "person").NameKey);
        // Han without kana and without JP stays Chinese
        Assert.Equal("DONGJING UNIVERSITY", Shared.One("東京大学", "CN").NameKey);
    }

    [Theory]
    [InlineData("三星電子株式會社", "삼성전자 주식회사")] // hanja with country KR
    [InlineData("高麗大學校", "고려대학교")]
    public void Korean_names_in_hanja_are_read_in_korean(string hanja, string hangul)
    {
        var h = Shared.One(hanja, "KR");
        Assert.Equal(Shared.One(hangul, "KR").NameKey, h.NameKey);
        Assert.Contains("R8", h.Rules);
    }

    [Fact]
    public void Han_without_hangul_or_korea_stays_chinese()
    {
        Assert.StartsWith("GAOLI", Shared.One("高麗大學校", "CN").NameKey);
        Assert.Equal(Shared.One("서울대학교", "").NameKey, Shared.One("서울大學校", "").NameKey); // Hangul alone marks it Korean
    }

    [Fact]
    public void Korean_persons_in_hanja_take_the_name_reading_and_the_initial_sound_law()
    {
        Assert.Equal(Shared.One("김대중", "KR", "person").NameKey, Shared.One("金大中", "KR", "person").NameKey); // 金: 김, not 금
        Assert.Equal(Shared.One("이승만", "KR", "person").NameKey, Shared.One("李承晩", "KR", "person").NameKey); // 李: 리 -> 이
        Assert.Equal(Shared.One("노태우", "KR", "person").NameKey, Shared.One("盧泰愚", "KR", "person").NameKey); // 盧: 로 -> 노
        Assert.Equal("JINDAZHONG", Shared.One("金大中", "CN", "person").NameKey.Replace(" ", "")); // Chinese keeps pinyin
    }

    [Fact]
    public void Romanised_generic_words_of_asian_languages_become_concepts()
    {
        Assert.Equal(Shared.One("Tokyo Daigaku").ConceptKey, Shared.One("University of Tokyo").ConceptKey);
        Assert.Equal(Shared.One("Beijing Daxue").ConceptKey, Shared.One("Peking University").ConceptKey);
        Assert.Equal("ELECTRONICS KOHO INSTITUTE", Shared.One("Denshi Kōhō Kenkyūjo").NameKey);
    }

    [Fact]
    public void Place_names_fold_only_in_organisation_keys()
    {
        Assert.Equal("UNIVERSITY MUNICH", Shared.One("Universität München", "DE").NameKey.Replace(" OF", ""));
        Assert.Equal("ROMA MARIO", Shared.One("Roma, Mario", "IT", "person").NameKey);
    }

    [Fact]
    public void Acronym_in_parentheses_becomes_an_alias_and_leaves_the_key()
    {
        var p = Shared.One("Universidade dos Açores (UAc)", "PT");
        Assert.Equal("UAC", p.Acronyms);
        Assert.Equal("UNIVERSITY DOS AZORES", p.NameKey);
        Assert.Equal("UA", p.Initials);
        Assert.Contains("R25", p.Rules);
        Assert.Equal("CNRS", Shared.One("Centre National de la Recherche Scientifique").Initials);
    }

    [Fact]
    public void A_field_that_is_an_acronym_is_its_own_alias_but_a_long_name_in_capitals_is_not()
    {
        Assert.Equal("CNRS", Shared.One("CNRS", "FR").Acronyms);
        Assert.Equal("", Shared.One("SIEMENS", "DE").Acronyms);
        Assert.Equal("", Shared.One("Siemens AG (publ)", "DE").Acronyms); // a legal form in parentheses is not an acronym
    }
}
