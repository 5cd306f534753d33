using System.Text;

namespace Names.Normalization.Tests;

/// <summary>Seeded generator of hostile name inputs; <see cref="Next"/> cycles through the kinds of trouble. Also compiled
/// into the service tests (API fuzzing).</summary>
public sealed class HostileNameGenerator(int seed)
{
    private static readonly string[] Realistic =
    [
        "SIEMENS AKTIENGESELLSCHAFT", "Koninklijke Philips N.V.", "DOE, JANE", "Dr. Eva Schulz", "株式会社日立製作所", "삼성전자 주식회사",
        "ООО «Технопарк»", "Ανώνυμη Εταιρεία ΑΘΗΝΑ", "شركة أرامكو السعودية", "חברת טבע בע\"מ", "BASF SE; BAYER AG", "Müller & Söhne GmbH & Co. KG",
        "UNIVERSITY OF CALIFORNIA, A CORP. OF CA", "John SMITH Jr.", "van der Berg, Pieter", "トヨタ自動車株式会社", "Tata Consultancy Services Ltd.",
    ];

    private static readonly string[] Countries = ["DE", "NL", "JP", "KR", "CN", "RU", "GR", "US", "", "XX", "de", "D", "DEU", "\u0000", "🇩🇪"];
    private static readonly string?[] Kinds = [null, "person", "legal_entity", "", "PERSON", "robot", "\u202Eperson"];

    private readonly Random _random = new(seed);

    public NameInput Next(int i)
    {
        var name = Category(i) switch
        {
            -1 => Long(), // 2k-40k chars: 0.25 % of the inputs, most of the characters
            0 => AnyPlane(_random.Next(1, 10)), // random text of every plane: ~0.1 ms a character to romanise, kept short
            1 => LookAlikes(RealisticName()),
            2 => WithControls(RealisticName()),
            3 => WithBidi(RealisticName()),
            4 => CombiningStorm(),
            5 => WithSurrogateHalves(RealisticName()),
            6 => Emoji(),
            7 => MixedScripts(),
            8 => Mutated(RealisticName()),
            9 => Separators(),
            10 => Mutated(MixedScripts()),
            _ => BmpSoup(_random.Next(1, 14)),
        };
        var country = _random.Next(3) == 0 ? null : Countries[_random.Next(Countries.Length)];
        var kind = Kinds[_random.Next(Kinds.Length)];
        if (i % 50 == 0) return new NameInput(name, country, kind, AnyPlane(_random.Next(0, 20)), AnyPlane(_random.Next(0, 20)));
        return new NameInput(i % 1000 == 999 ? null : name, country, kind);
    }

    /// <summary>Which kind of trouble the i-th input is (-1: long).</summary>
    public static int Category(int i) => i % 400 == 1 ? -1 : i % 12;

    private string RealisticName() => Realistic[_random.Next(Realistic.Length)];

    /// <summary>Any Unicode scalar value of any plane, assigned or not (surrogate code points excluded: they are not scalars).</summary>
    private string AnyPlane(int length)
    {
        var sb = new StringBuilder();
        for (var k = 0; k < length; k++)
        {
            var plane = _random.Next(10) switch { < 5 => 0, 5 => 1, 6 => 2, 7 => 3, 8 => 14, _ => _random.Next(4, 17) };
            int cp;
            do cp = plane * 0x10000 + _random.Next(0x10000); while (cp is >= 0xD800 and <= 0xDFFF);
            sb.Append(char.ConvertFromUtf32(cp));
        }
        return sb.ToString();
    }

    private string BmpSoup(int length)
    {
        var sb = new StringBuilder();
        for (var k = 0; k < length; k++) sb.Append((char)_random.Next(0x10000)); // lone surrogates included
        return sb.ToString();
    }

    /// <summary>Long inputs: a repeated name, one huge token, a long run of separators, or random text (2k-40k chars).</summary>
    private string Long()
    {
        var length = _random.Next(2_000, 40_000);
        // Random text of every plane costs ~0.1 ms a character to romanise (ICU): 1 in 8 keeps the suite fast.
        return _random.Next(8) switch
        {
            0 or 1 => string.Concat(Enumerable.Repeat(RealisticName() + " ", length / 20)),
            2 or 3 => new string((char)('A' + _random.Next(26)), length),
            4 => string.Concat(Enumerable.Repeat("; & , / AND ", length / 12)),
            5 => CombiningStormOf(length),
            6 => string.Concat(Enumerable.Repeat(MixedScripts(), 1 + length / 40)),
            _ => AnyPlane(length / 2),
        };
    }

    private string WithControls(string name)
    {
        var sb = new StringBuilder(name);
        for (var k = _random.Next(1, 8); k > 0; k--)
        {
            var c = _random.Next(3) switch { 0 => (char)_random.Next(0, 0x20), 1 => (char)_random.Next(0x7F, 0xA0), _ => "\u0000\u001B\u0008\u000B\u000C\u0085\u2028\u2029"[_random.Next(8)] };
            sb.Insert(_random.Next(sb.Length + 1), c);
        }
        return sb.ToString();
    }

    private string WithBidi(string name)
    {
        const string bidi = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C";
        var sb = new StringBuilder(name);
        for (var k = _random.Next(1, 10); k > 0; k--) sb.Insert(_random.Next(sb.Length + 1), bidi[_random.Next(bidi.Length)]);
        return sb.ToString();
    }

    private string CombiningStormOf(int length)
    {
        var sb = new StringBuilder("ACME ");
        while (sb.Length < length) sb.Append(CombiningStorm());
        return sb.ToString();
    }

    /// <summary>The name in fullwidth, mathematical bold or circled letters (NFKC folds them back to ASCII).</summary>
    private string LookAlikes(string name)
    {
        var (upper, lower) = _random.Next(3) switch { 0 => (0xFF21, 0xFF41), 1 => (0x1D400, 0x1D41A), _ => (0x24B6, 0x24D0) };
        var sb = new StringBuilder();
        foreach (var c in name)
            sb.Append(c is >= 'A' and <= 'Z' ? char.ConvertFromUtf32(upper + c - 'A') : c is >= 'a' and <= 'z' ? char.ConvertFromUtf32(lower + c - 'a') : c.ToString());
        return sb.ToString();
    }

    /// <summary>Letters each carrying up to hundreds of combining marks (Zalgo text), or marks with no base at all.</summary>
    private string CombiningStorm()
    {
        var sb = new StringBuilder();
        var bases = _random.Next(0, 6);
        for (var b = 0; b <= bases; b++)
        {
            if (b > 0 || _random.Next(3) > 0) sb.Append((char)('A' + _random.Next(26)));
            for (var m = _random.Next(1, 400); m > 0; m--)
                sb.Append(_random.Next(4) switch
                {
                    0 => (char)_random.Next(0x0300, 0x0370),
                    1 => (char)_random.Next(0x1AB0, 0x1B00),
                    2 => (char)_random.Next(0x20D0, 0x2100),
                    _ => (char)_random.Next(0x0483, 0x048A),
                });
            sb.Append(' ');
        }
        return sb.ToString();
    }

    private string WithSurrogateHalves(string name)
    {
        var sb = new StringBuilder(name);
        for (var k = _random.Next(1, 5); k > 0; k--) sb.Insert(_random.Next(sb.Length + 1), (char)_random.Next(0xD800, 0xE000));
        return sb.ToString();
    }

    private string Emoji()
    {
        string[] pieces = ["😀", "🚀", "👩‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "🇯🇵", "🇩🇪", "❤️", "\u200D", "\uFE0F", "🤖", "ACME", " ", "GmbH", "#️⃣", "🧑🏿‍🔬"];
        var sb = new StringBuilder();
        for (var k = _random.Next(1, 12); k > 0; k--) sb.Append(pieces[_random.Next(pieces.Length)]);
        return sb.ToString();
    }

    /// <summary>Words of many scripts run together, within one word or side by side, with legal forms of other countries.</summary>
    private string MixedScripts()
    {
        string[] words = ["ACME", "Технопарк", "株式会社", "ΑΘΗΝΑ", "삼성", "トヨタ", "ひらがな", "شركة", "טבע", "हिन्दी", "ภาษาไทย", "ქართული", "Ελλάδα",
                          "GmbH", "ООО", "S.A.", "Ltd", "有限公司", "주식회사", "ÆØÅ", "ß", "İstanbul", "Ǆ", "ﬁ", "Ⅻ", "①", "𝔄𝔠𝔪𝔢", "Ａｃｍｅ"];
        var sb = new StringBuilder();
        for (var k = _random.Next(1, 8); k > 0; k--)
        {
            sb.Append(words[_random.Next(words.Length)]);
            if (_random.Next(3) > 0) sb.Append(' ');
        }
        return sb.ToString();
    }

    private const string Punctuation = " .,;&/-'\"()[]{}|\\@#*+=<>~^`%$!?:";

    private string Mutated(string name)
    {
        var chars = new List<char>(name);
        for (var k = _random.Next(1, 6); k > 0; k--)
        {
            var at = _random.Next(chars.Count + 1);
            switch (_random.Next(3))
            {
                case 0 when chars.Count > 0 && at < chars.Count: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, Punctuation[_random.Next(Punctuation.Length)]); break;
                default: chars.Insert(at, (char)_random.Next(0x20, 0x3000)); break;
            }
        }
        return new string(chars.ToArray());
    }

    private string Separators()
    {
        string[] pieces = [";", ",", "&", " AND ", " UND ", " ET ", "/", " C/O ", "(", ")", " ", "-", "ACME GMBH", "DOE, JANE", "\n", "\t", "，", "、", "・"];
        var sb = new StringBuilder();
        for (var k = _random.Next(1, 60); k > 0; k--) sb.Append(pieces[_random.Next(pieces.Length)]);
        return sb.ToString();
    }

    public static string Escape(string s) => string.Concat(s.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
