using Names.Resolver.Identifiers;

namespace Names.Resolver.Tests;

public class GlobalIdTests
{
    [Theory]
    // Published LEIs (ISO 17442 uses the same MOD 97-10 check) and an IBAN rearranged as ISO 13616 prescribes.
    [InlineData("HWUPKR0MPOU8FGXBT394")]
    [InlineData("7LTWFZYICNSX8D621K86")]
    [InlineData("5493001KJTIIGC8Y1R12")]
    [InlineData("WEST12345698765432GB82")]
    public void Mod97_accepts_published_known_answers(string text) => Assert.True(GlobalId.Mod97Valid(text));

    [Fact]
    public void Check_digits_reproduce_a_published_lei()
    {
        Assert.Equal(94, GlobalId.CheckDigits("HWUPKR0MPOU8FGXBT3"));
        Assert.Equal(86, GlobalId.CheckDigits("7LTWFZYICNSX8D621K"));
    }

    [Fact]
    public void Minted_ids_have_the_documented_format()
    {
        var minter = new IdMinter(seed: 42);
        for (int i = 0; i < 1000; i++)
        {
            var id = minter.Mint(i % 2 == 0 ? 'P' : 'L');
            Assert.Equal(16, id.Length);
            Assert.Equal(i % 2 == 0 ? 'P' : 'L', id[0]);
            Assert.All(id[1..14], c => Assert.Contains(c, GlobalId.CrockfordAlphabet));
            Assert.True(char.IsAsciiDigit(id[14]) && char.IsAsciiDigit(id[15]));
            Assert.True(GlobalId.IsValid(id), id);
        }
    }

    [Fact]
    public void Every_single_character_substitution_is_detected()
    {
        var id = new IdMinter(7).Mint('L');
        var alphabet = GlobalId.CrockfordAlphabet;
        for (int pos = 1; pos < 16; pos++)
            foreach (var c in pos >= 14 ? "0123456789" : alphabet)
            {
                if (c == id[pos]) continue;
                var typo = id[..pos] + c + id[(pos + 1)..];
                Assert.False(GlobalId.IsValid(typo), $"{typo} (from {id}) passed");
            }
    }

    [Fact]
    public void Adjacent_transpositions_are_detected_except_the_known_mod97_blind_spot()
    {
        // MOD 97-10 over letters-as-two-digits cannot see a letter swapped with the digit it spells twice
        // (B=11 next to 1, M=22 next to 2, X=33 next to 3): "1B" and "B1" both read 111. Everything else is caught.
        var minter = new IdMinter(99);
        int tried = 0;
        for (int n = 0; n < 300; n++)
        {
            var id = minter.Mint('P');
            for (int pos = 1; pos < 15; pos++)
            {
                if (id[pos] == id[pos + 1]) continue;
                var swapped = id[..pos] + id[pos + 1] + id[pos] + id[(pos + 2)..];
                tried++;
                bool blindSpot = IsBlindSpot(id[pos], id[pos + 1]) || IsBlindSpot(id[pos + 1], id[pos]);
                Assert.True(blindSpot || !GlobalId.Mod97Valid(swapped), $"{swapped} (from {id}) passed");
            }
        }
        Assert.True(tried > 3000);
    }

    private static bool IsBlindSpot(char letter, char digit) =>
        char.IsAsciiLetterUpper(letter) && char.IsAsciiDigit(digit) && (letter - 'A' + 10) == (digit - '0') * 11;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("X0000000000000000")]
    [InlineData("Q00000000000000")]
    [InlineData("L0000000000I00xx")]
    public void Malformed_ids_are_rejected(string? id) => Assert.False(GlobalId.IsValid(id));

    [Fact]
    public void Same_seed_gives_same_sequence_and_different_seeds_differ()
    {
        var a = new IdMinter(5);
        var b = new IdMinter(5);
        var c = new IdMinter(6);
        var sa = Enumerable.Range(0, 50).Select(_ => a.Mint('L')).ToList();
        var sb = Enumerable.Range(0, 50).Select(_ => b.Mint('L')).ToList();
        var sc = Enumerable.Range(0, 50).Select(_ => c.Mint('L')).ToList();
        Assert.Equal(sa, sb);
        Assert.Empty(sa.Intersect(sc));
        Assert.Equal(50, sa.Distinct().Count());
    }

    [Fact]
    public void A_minter_resumed_at_a_sequence_continues_the_same_stream()
    {
        var full = new IdMinter(11);
        var first = Enumerable.Range(0, 10).Select(_ => full.Mint('L')).ToList();
        var resumed = new IdMinter(11, nextSequence: 5);
        Assert.Equal(first[5], resumed.Mint('L'));
    }
}
