namespace Names.Normalization.Tests;

/// <summary>R8 through system ICU: every listed script gives a non-empty romanised key; the display keeps the script.</summary>
public class TransliterationTests
{
    [Fact]
    public void Icu_is_found_on_this_machine() => Assert.True(Shared.Normalizer.TransliterationAvailable, Shared.Normalizer.IcuProblem);

    [Theory]
    [InlineData("Иванов Пётр Сергеевич", "IVANOV")]
    [InlineData("ООО Технопарк", "TEKHNOPARK")]
    [InlineData("Παπαδόπουλος Γιώργος", "PAPADOPOULOS")]
    [InlineData("شركة أرامكو السعودية", "")]
    [InlineData("דוד כהן", "")]
    [InlineData("华为技术有限公司", "HUAWEI")]
    [InlineData("삼성전자", "SAMSEONG")]
    [InlineData("ソニー株式会社", "SONI")]
    [InlineData("トヨタ自動車", "")]
    public void Script_gives_romanised_key(string raw, string expectedPart)
    {
        var p = Shared.One(raw);
        Assert.NotEmpty(p.NameKey);
        Assert.NotEmpty(p.RomanizedName);
        Assert.Equal(raw, p.DisplayName.Replace(",", "")); // original script kept (persons: "Family, Given")
        Assert.All(p.CompactKey, c => Assert.True(char.IsAsciiLetterOrDigit(c), $"non-ASCII key char {c} in {p.CompactKey}"));
        Assert.Contains(expectedPart, p.CompactKey);
        Assert.Contains("R8", p.Rules);
    }

    [Fact]
    public void Cjk_is_not_split_on_spaces()
    {
        Assert.Equal(Shared.One("山田太郎").CompactKey, Shared.One("山田 太郎").CompactKey);
        Assert.Equal(Shared.One("清华大学").CompactKey, Shared.One("清华 大学").CompactKey);
    }

    [Fact]
    public void Latin_input_has_no_romanized_name() => Assert.Equal("", Shared.One("Müller GmbH").RomanizedName);

    [Fact]
    public void Cyrillic_and_latin_spellings_share_keys() =>
        Assert.Equal(Shared.One("OOO Tekhnopark", "RU").CompactKey, Shared.One("ООО Технопарк", "RU").CompactKey);

    [Fact]
    public void Transliteration_is_thread_safe_and_deterministic()
    {
        var names = new[] { "Иванов Пётр", "华为技术有限公司", "삼성전자", "Παπαδόπουλος", "ソニー株式会社", "محمد علي" };
        var expected = names.Select(n => Shared.One(n).CompactKey).ToArray();
        var results = new string[8][];
        Parallel.For(0, 8, t =>
        {
            var r = new string[names.Length * 50];
            for (int i = 0; i < r.Length; i++) r[i] = Shared.One(names[i % names.Length]).CompactKey;
            results[t] = r;
        });
        foreach (var r in results)
            for (int i = 0; i < r.Length; i++) Assert.Equal(expected[i % names.Length], r[i]);
    }
}
