using System.Text;
using Names.Normalization.Transliteration;

namespace Names.Normalization.Tests;

/// <summary>
/// The staged Han path must give exactly what ICU's own "Han-Latin; Any-Latin; Latin-ASCII" gives, on any text
/// (its caches only make it faster). Compared on seeded random mixtures of the characters that matter.
/// </summary>
public class StagedHanLatinTransformTests
{
    private static readonly string[] Pieces =
    {
        "株式会社", "有限公司", "股份", "华为", "技术", "中央", "電機", "山田", "太郎", "清华", "大学", "北京", "東京",
        "重庆", "重 庆", "重", "藏文", "藏", "沈阳", "秘鲁", "长", "乐", // context rules and polyphones
        "ソニー", "トヨタ", "ソカタ", "カ", "ッ", "ヴ", "ゃ", "ょう", "ｶ", "ｯ", "Ёлка", "ΣΑΣ", "ッカ", "ミテ", "ン", "ー", "ｿﾆｰ", "ひらがな", "삼성", "전자", "(주)", "㈱", "㍿",
        "ＡＢＣ", "１２３", "　", "。", "、", "「", "」", "（", "）", "·", "•",
        "ACME", "Müller", "Ærø", "ß", "é", "e\u0301", "\u0301", "ǎ", "ḿ", "Иван", "Παπα", "محمد", "דוד",
        " ", " ", "  ", ",", ".", "-", "&", "1", "\u8C48", "\uF900", "\uD840\uDC0B", "\u3400", "𠀋", "\uD840", "\uDC0B重",
    };

    [Fact]
    public void Gives_the_same_text_as_the_icu_chain()
    {
        var icu = IcuLibrary.TryLoad(out var error);
        Assert.True(icu != null, error);
        using var characters = HanCharacterRules.TryCreate(icu!);
        Assert.NotNull(characters);
        using var staged = StagedHanLatinTransform.TryCreate(icu!, characters);
        Assert.NotNull(staged); // the ICU on this machine has the expected rule shape: the fast path is on
        using var reference = IcuTransliterator.TryOpen(icu!, StagedHanLatinTransform.ChainId)!;

        var random = new Random(20261121);
        var sb = new StringBuilder();
        for (int n = 0; n < 3000; n++)
        {
            sb.Clear();
            int parts = 1 + random.Next(8);
            for (int i = 0; i < parts; i++) sb.Append(Pieces[random.Next(Pieces.Length)]);
            var text = sb.ToString();
            Assert.Equal(reference.Transliterate(text), staged!.Transliterate(text));
        }
    }

    [Fact]
    public void Spaces_plain_han_text_as_icu_han_spacedhan_does()
    {
        var icu = IcuLibrary.TryLoad(out _)!;
        using var characters = HanCharacterRules.TryCreate(icu)!;
        using var staged = StagedHanLatinTransform.TryCreate(icu, characters)!;
        Assert.True(staged.PlainSpacing); // this ICU's rules are the ones implemented: the shortcut is on
        using var spacedhan = IcuTransliterator.TryOpen(icu, "Han-Spacedhan")!;
        string[] pieces = { "东", "方", "有限公司", "重庆", "\u9FA5", "\u4E00", "ab", "A", "Z", "1", "23", " ", " ", "  ",
            "ソカタ", "ひら", "ぁ", "ヺ", ",", ";", ".", ":", "?", "!", "(", ")", "[", "]", "{", "}", "&", "-", "/", "'", "\"", "~", "_", "@", "*", "<", ">",
            "\u9FA6", "ー", "・", "゛", "ｶ", "\t", "\u3000", "\u3400", "ア", "(", ".", "。", "，", "é", "\u0301", "Ａ", "\uF900", "\uD840\uDC0B" };
        var random = new Random(5);
        var sb = new StringBuilder();
        for (int n = 0; n < 30000; n++)
        {
            sb.Clear();
            int parts = 1 + random.Next(7);
            // mostly plain text (the shortcut), sometimes a character that sends it to ICU
            int limit = random.Next(4) == 0 ? pieces.Length : 41;
            for (int i = 0; i < parts; i++) sb.Append(pieces[random.Next(limit)]);
            var text = sb.ToString();
            Assert.Equal(spacedhan.Transliterate(text), staged.Space(text));
        }
    }

    [Fact]
    public void Threads_share_the_character_table_safely()
    {
        var icu = IcuLibrary.TryLoad(out _)!;
        using var characters = HanCharacterRules.TryCreate(icu)!;
        using var reference = IcuTransliterator.TryOpen(icu, StagedHanLatinTransform.ChainId)!;
        var texts = Enumerable.Range(0, 200).Select(i => Pieces[i % Pieces.Length] + Pieces[(i * 7 + 3) % Pieces.Length]).ToArray();
        var expected = texts.Select(reference.Transliterate).ToArray();
        Parallel.For(0, 4, _ =>
        {
            using var staged = StagedHanLatinTransform.TryCreate(icu, characters)!;
            for (int i = 0; i < texts.Length; i++) Assert.Equal(expected[i], staged.Transliterate(texts[i]));
        });
    }

    [Fact]
    public void Context_rules_are_honoured()
    {
        var icu = IcuLibrary.TryLoad(out _)!;
        using var characters = HanCharacterRules.TryCreate(icu)!;
        using var staged = StagedHanLatinTransform.TryCreate(icu, characters)!;
        // 重 reads chóng before 庆 (Chongqing) and zhòng elsewhere: the per-character cache must not flatten that
        Assert.Equal("zhong", staged.Transliterate("重"));
        Assert.Equal("chong qing", staged.Transliterate("重庆"));
        Assert.Equal("zhong", staged.Transliterate("重"));
    }

    [Theory]
    [InlineData("[a] > b;\n")]                                  // no Han-Spacedhan pass first
    [InlineData("::Han-Spacedhan();\n$x = [a];\n$x > b;\n")]     // variables
    [InlineData("::Han-Spacedhan();\n[a] > b;\n::NFC();\n")]     // another pass
    [InlineData("::Han-Spacedhan();\n[a] { [b] > c;\n")]         // context on a set rule
    [InlineData("::Han-Spacedhan();\n[a] > b | c;\n")]           // cursor
    public void Unexpected_rule_shapes_turn_the_staged_path_off(string rules) =>
        Assert.False(HanCharacterRules.TrySplitRules(rules, out _, out _));

    [Fact]
    public void Context_characters_are_found()
    {
        Assert.True(HanCharacterRules.TrySplitRules("::Han-Spacedhan();\n{重}' '?庆 > chóng;\n[重] > zhòng;\n", out var rules, out var context));
        Assert.Equal(new[] { (int)'重' }, context.ToArray());
        Assert.DoesNotContain("Spacedhan", rules);
    }

    [Fact]
    public void The_character_table_read_from_the_rules_maps_every_character_as_icu_compiling_them_does()
    {
        var icu = IcuLibrary.TryLoad(out var error);
        Assert.True(icu != null, error);
        string source;
        using (var hanLatin = IcuTransliterator.TryOpen(icu!, "Han-Latin")!) source = hanLatin.Rules();
        Assert.True(HanCharacterRules.TrySplitRules(source, out var characterRules, out _));
        var table = HanCharacterRules.TryReadCharacterTable(characterRules);
        Assert.NotNull(table); // this ICU's rules are plain: start-up does not compile them
        Assert.True(table!.Count > 20_000, $"{table.Count} characters");
        using var compiled = IcuTransliterator.TryOpen(icu!, "Han-Latin-Characters", characterRules)!;
        using var characters = HanCharacterRules.TryCreate(icu!)!;
        // every character the rules name, every BMP ideograph (named or not), a stride of the supplementary ones
        var codePoints = table.Keys.Concat(Enumerable.Range(0x3400, 0x9FFF - 0x3400 + 1))
            .Concat(Enumerable.Range(0x20000, 0x2A6DF - 0x20000 + 1).Where(c => c % 7 == 0))
            .Concat(Enumerable.Range(0x20, 0x5F)).Distinct();
        foreach (var cp in codePoints)
        {
            var text = char.ConvertFromUtf32(cp);
            Assert.Equal(compiled.Transliterate(text), characters.Map(cp));
        }
    }

    [Fact]
    public void The_rule_source_read_from_icu_data_gives_the_table_the_compiled_rules_give()
    {
        var icu = IcuLibrary.TryLoad(out var error);
        Assert.True(icu != null, error);
        var source = IcuRuleSource.TryRead(icu!, "Han-Latin");
        Assert.NotNull(source); // this ICU embeds the rules in its data: start-up reads them without compiling
        Assert.True(HanCharacterRules.TryReadSource(source!, out var sourceRules, out var sourceContext, out var sourceTable));

        string compiledText;
        using (var hanLatin = IcuTransliterator.TryOpen(icu!, "Han-Latin")!) compiledText = hanLatin.Rules()!;
        Assert.True(HanCharacterRules.TrySplitRules(compiledText, out var characterRules, out var context));
        var table = HanCharacterRules.TryReadCharacterTable(characterRules)!;
        Assert.Equal(table.Count, sourceTable.Count);
        foreach (var (codePoint, syllable) in table) Assert.Equal(syllable, sourceTable[codePoint]);
        Assert.Equal(context.Order(), sourceContext.Order());
        // the source minus the spacing pass is what ICU compiles for texts with a context character
        using var compiled = IcuTransliterator.TryOpen(icu!, "Han-Latin-Characters", sourceRules);
        Assert.NotNull(compiled);
        Assert.Equal("chóng qìng", compiled!.Transliterate("重 庆"));
    }

    [Theory]
    [InlineData("[锕阿]→ā;")] // no spacing pass first
    [InlineData("::Han-Spacedhan();[锕阿]>ā;")] // another arrow
    [InlineData("::Han-Spacedhan();[a-z]→x;")] // ASCII in a set
    [InlineData("::Han-Spacedhan();$x=[锕];$x→ā;")] // a variable
    [InlineData("::Han-Spacedhan();[锕]{阿→ā;")] // context on a set
    [InlineData("::Han-Spacedhan();[锕]→a'b;")] // quoting in the output
    [InlineData("::Han-Spacedhan();")] // no character rules
    public void Rule_sources_of_another_shape_are_not_read(string source) =>
        Assert.False(HanCharacterRules.TryReadSource(source, out _, out _, out _));

    [Theory]
    [InlineData("[康慷] > kāng;\n[a-z] > x;")] // an ASCII range
    [InlineData("[康-] > kāng;")] // a dash ending the set
    [InlineData("[康\\u6177] > kāng;")] // an escape
    [InlineData("[康] > k'ang;")] // quoting in the output
    [InlineData("$x = [康];")] // a variable
    public void Rules_that_are_not_plain_character_sets_are_left_to_icu(string rules) =>
        Assert.Null(HanCharacterRules.TryReadCharacterTable(rules));
}
