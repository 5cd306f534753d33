using System.Text;

namespace Names.Normalization.Tests;

/// <summary>Property tests with a seeded generator (FsCheck is not available here).</summary>
public class PropertyTests
{
    private static readonly string[] Words = { "ACME", "Nordlicht", "Müller", "Société", "GÉNÉRALE", "Tri-Star", "O'Brien", "Zhang", "Svensson", "Łukasz", "Øresund", "Electronics", "Systems", "International", "van", "de", "la", "Hansen", "Pérez", "Kowalski", "Rossi", "Philips", "Bosch" };
    private static readonly string[] Forms = { "GmbH", "AG", "Ltd.", "Inc.", "S.A.", "N.V.", "B.V.", "S.p.A.", "Co., Ltd.", "Oy", "AB", "SARL", "GmbH & Co. KG", "LLC", "Kabushiki Kaisha", "" };
    private static readonly string[] Persons = { "Jane B. Doe", "DOE, JANE", "Dr. Eva Schulz", "Vincent van Gogh", "SMITH, JOHN JR.", "Hans Müller", "María de la Cruz", "山田太郎", "김철수", "Prof. Dr.-Ing. Karl Müller-Lüdenscheidt", "Иванов Пётр", "O'Brien, Seán", "John SMITH" };
    private static readonly string[] Tails = { "", "", "", " C/O PATENT DEPT", ", VELDHOVEN, NL", " (NL)", ", A DELAWARE CORPORATION", " MUNICH BRANCH", "; BETA GMBH", " 株式会社", " ООО" };

    private static string RandomRealisticName(Random r)
    {
        if (r.Next(4) == 0) return Persons[r.Next(Persons.Length)];
        var sb = new StringBuilder();
        int n = 1 + r.Next(3);
        for (int i = 0; i < n; i++)
        {
            if (i > 0) sb.Append(r.Next(5) == 0 ? " & " : " ");
            var w = Words[r.Next(Words.Length)];
            sb.Append(r.Next(3) == 0 ? w.ToUpperInvariant() : w);
        }
        var f = Forms[r.Next(Forms.Length)];
        if (f.Length > 0) sb.Append(r.Next(4) == 0 ? ", " : " ").Append(f);
        if (r.Next(3) == 0) sb.Insert(0, r.Next(2) == 0 ? "THE " : "* ");
        sb.Append(Tails[r.Next(Tails.Length)]);
        return sb.ToString();
    }

    private static string RandomUnicode(Random r)
    {
        var sb = new StringBuilder();
        int n = r.Next(40);
        for (int i = 0; i < n; i++)
        {
            switch (r.Next(10))
            {
                case 0: sb.Append((char)r.Next(0xD800, 0xE000)); break; // lone surrogates
                case 1: sb.Append((char)r.Next(0x0300, 0x0370)); break; // combining marks
                case 2: sb.Append(char.ConvertFromUtf32(r.Next(0x1F300, 0x1FAFF))); break; // emoji
                case 3: sb.Append((char)r.Next(0x202A, 0x202F)); break; // bidi controls
                case 4: sb.Append((char)r.Next(0x4E00, 0x9FFF)); break;
                case 5: sb.Append((char)r.Next(0x0400, 0x04FF)); break;
                case 6: sb.Append(" .,;&/-'\"()\n\t"[r.Next(13)]); break;
                case 7: sb.Append((char)r.Next(0, 0x20)); break;
                default: sb.Append((char)r.Next(0x20, 0x250)); break;
            }
        }
        return sb.ToString();
    }

    [Fact]
    public void Normalising_a_display_name_again_gives_the_same_keys()
    {
        var r = new Random(20261121);
        for (int i = 0; i < 3000; i++)
        {
            var raw = RandomRealisticName(r);
            foreach (var p in Shared.All(raw))
            {
                var again = Shared.All(p.DisplayName);
                Assert.True(again.Count == 1, $"'{p.DisplayName}' (from '{raw}') split again");
                Assert.True(p.NameKey == again[0].NameKey, $"'{raw}' -> '{p.DisplayName}': {p.NameKey} vs {again[0].NameKey}");
                Assert.Equal(p.CompactKey, again[0].CompactKey);
            }
        }
    }

    [Fact]
    public void Random_unicode_never_throws_and_keys_exist_when_letters_exist()
    {
        var r = new Random(42);
        for (int i = 0; i < 5000; i++)
        {
            var raw = RandomUnicode(r);
            var parties = Shared.Normalizer.Normalize(new NameInput(raw, r.Next(2) == 0 ? "DE" : null));
            Assert.NotEmpty(parties);
            foreach (var p in parties)
            {
                Assert.DoesNotContain("internal error", p.Problem);
                Assert.DoesNotContain(' ', p.CompactKey);
                Assert.DoesNotContain("  ", p.NameKey);
            }
            bool hasLetters = raw.Any(c => char.IsLetter(c) && !char.IsSurrogate(c));
            if (hasLetters) Assert.True(parties.Any(p => p.CompactKey.Length > 0), $"no key for {Escape(raw)}");
        }
    }

    [Fact]
    public void Same_input_same_output()
    {
        var r = new Random(7);
        for (int i = 0; i < 500; i++)
        {
            var raw = RandomRealisticName(r);
            var a = Shared.All(raw);
            var b = Shared.All(raw);
            Assert.Equal(a.Select(p => p with { Rules = Array.Empty<string>() }), b.Select(p => p with { Rules = Array.Empty<string>() }));
            Assert.Equal(a.SelectMany(p => p.Rules), b.SelectMany(p => p.Rules));
        }
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));
}
