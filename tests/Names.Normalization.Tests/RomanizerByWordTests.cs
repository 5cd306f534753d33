using System.Text;
using Names.Normalization.Transliteration;

namespace Names.Normalization.Tests;

/// <summary>
/// The romaniser takes spaced non-Han text word by word through its cache: the result must be exactly what the
/// ICU chain gives on the whole text. Compared on seeded random mixtures of words whose transforms have context
/// rules (kana sokuon and long vowels, Hangul jamo, Cyrillic/Greek letters), in every order and spacing.
/// </summary>
public class RomanizerByWordTests
{
    private static readonly string[] Words =
    {
        "삼성", "전자", "주식회사진우중공업", "진한", "알", "안", "ㄱ", "한국", "ソニー", "ー", "ーカ", "ッ", "ッカ", "カッ", "ン", "ンア", "ヴ",
        "ひらがな", "っ", "ｿﾆｰ", "Иван", "Ёлка", "ъ", "Ъ", "ь", "Общество", "ЁЖ", "Ӫ", "Παπα", "ΟΙΚΟΝΌΜΟΥ", "Σ", "σ", "ς",
        "ΑΥ", "αυ", "محمد", "شركة", "ال", "דוד", "בע\"מ", "ACME", "c/o", "Müller", "Æ", "Ærø", "ß", "e\u0301", "\u0301",
        "(주)", "㈱", "１２３", "-", "&", "株式会社", "重", "庆", "ภาษา", "ქართ", "Հայ", "1", "(", "'", "~", "'s", "ー", "ｰ", "ـ", "\u0301a", "・", "ゝ", "〆", "々",
    };

    [Fact]
    public void Gives_the_same_text_as_icu_on_the_whole_text()
    {
        var icu = IcuLibrary.TryLoad(out var error);
        Assert.True(icu != null, error);
        using var romanizer = new Romanizer(icu, "", new RomanizationCache(1000), new Lazy<HanCharacterRules?>(() => HanCharacterRules.TryCreate(icu!)));
        var reference = new Dictionary<string, IcuTransliterator>();
        string Whole(string text)
        {
            string id = "Any-Latin; Latin-ASCII";
            foreach (var c in text)
            {
                if (c >= 0x400 && c <= 0x52F) { id = "Russian-Latin/BGN; Any-Latin; Latin-ASCII"; break; }
                if (c >= 0x370 && c <= 0x3FF || c >= 0x1F00 && c <= 0x1FFF) { id = "Greek-Latin/UNGEGN; Any-Latin; Latin-ASCII"; break; }
                if (c >= 0x4E00 && c <= 0x9FFF) { id = StagedHanLatinTransform.ChainId; break; }
            }
            if (!reference.TryGetValue(id, out var t)) reference[id] = t = IcuTransliterator.TryOpen(icu!, id)!;
            var result = t.Transliterate(text);
            if (result.Any(c => c >= 0x80 && char.IsLetter(c)))
            {
                if (!reference.TryGetValue("generic", out var g)) reference["generic"] = g = IcuTransliterator.TryOpen(icu!, "Any-Latin; Latin-ASCII")!;
                var generic = g.Transliterate(result);
                if (generic.Length > 0) result = generic;
            }
            return result;
        }

        var random = new Random(20261121);
        var sb = new StringBuilder();
        string[] spaces = { " ", " ", " ", "  ", "" };
        for (int n = 0; n < 4000; n++)
        {
            sb.Clear();
            int parts = 1 + random.Next(5);
            if (random.Next(8) == 0) sb.Append(' ');
            for (int i = 0; i < parts; i++)
            {
                if (i > 0) sb.Append(spaces[random.Next(spaces.Length)]);
                sb.Append(Words[random.Next(Words.Length)]);
            }
            if (random.Next(8) == 0) sb.Append(' ');
            var text = sb.ToString();
            Assert.Equal(Whole(text), romanizer.Romanize(text));
        }
        foreach (var t in reference.Values) t.Dispose();
    }
}
