using System.Text;
using Names.Normalization.Transliteration;

namespace Names.Normalization.Tests;

/// <summary>A chain run with Latin-ASCII only where needed must give exactly what ICU gives running it whole.</summary>
public class TransformChainTests
{
    private static readonly string[] Pieces =
    {
        "삼성", "전자", "김민준", "서울", "ㄱ", "ᄀ", "ᅡ", "ᆨ", "ソニー", "トヨタ", "ッ", "ヴ", "ゃ", "ょう", "ｶ", "ｯ", "ー", "ひらがな",
        "Ёлка", "Иван", "Щука", "ΣΑΣ", "Παπα", "Ελλάδα", "محمد", "דוד", "ქართული", "株式会社", "重庆", "㈱", "㍿",
        "ACME", "Müller", "Ærø", "ß", "é", "e\u0301", "\u0301", "ǎ", "ḿ", "ŉ", "©", "№", "ﬁ", "Ａ", "１", "½", "²",
        " ", "  ", ",", ".", "-", "'", "&", "(", ")", "1", "\n", "\u00A0", "\u3000", "。", "「", "\uD840\uDC0B", "\uD840",
    };

    [Theory]
    [InlineData("Any-Latin; Latin-ASCII")]
    [InlineData("Russian-Latin/BGN; Any-Latin; Latin-ASCII")]
    [InlineData("Greek-Latin/UNGEGN; Any-Latin; Latin-ASCII")]
    [InlineData("Han-Latin; Any-Latin; Latin-ASCII")]
    public void Gives_what_icu_gives_running_the_chain_whole(string id)
    {
        var icu = IcuLibrary.TryLoad(out var error);
        Assert.True(icu != null, error);
        using var chain = TransformChain.TryOpen(icu!, id)!;
        using var whole = IcuTransliterator.TryOpen(icu!, id)!;
        var random = new Random(id.Length);
        var sb = new StringBuilder();
        for (int n = 0; n < 2000; n++)
        {
            sb.Clear();
            int parts = 1 + random.Next(6);
            for (int i = 0; i < parts; i++) sb.Append(Pieces[random.Next(Pieces.Length)]);
            var text = sb.ToString();
            Assert.Equal(whole.Transliterate(text), chain.Transliterate(text));
        }
    }
}
