using Names.Normalization.Rules;

namespace Names.Normalization.Tests;

/// <summary>R4's shortcut: text it leaves alone must be exactly what its cleaning would make of it.</summary>
public class WhiteSpaceShortcutTests
{
    [Fact]
    public void Text_the_shortcut_leaves_alone_is_what_cleaning_gives()
    {
        string[] pieces = { "ACME", "Müller", "株式会社", "a", " ", "  ", "\t", "\n", "\u00A0", "\u3000", "\"", "\u201C", "«", ".", "..", ",", ";", ":",
            "*", "-", "#", ">", "+", "=", "~", "_", "|", "/", "•", "·", "–", "—", "'", "(", ")", "&", "1", "N.V.", "Ltd." };
        var random = new Random(4);
        var sb = new System.Text.StringBuilder();
        var scratch = new System.Text.StringBuilder();
        int skipped = 0;
        for (int n = 0; n < 200_000; n++)
        {
            sb.Clear();
            int parts = 1 + random.Next(6);
            for (int i = 0; i < parts; i++) sb.Append(pieces[random.Next(pieces.Length)]);
            var text = sb.ToString();
            if (R04WhiteSpaceAndQuotes.NeedsCleaning(text)) continue;
            skipped++;
            Assert.Equal(R04WhiteSpaceAndQuotes.Clean(text, scratch), text);
        }
        Assert.True(skipped > 10_000, $"{skipped} texts took the shortcut");
    }

    [Fact]
    public void Every_white_space_but_the_plain_space_needs_cleaning()
    {
        for (char c = '\u0001'; c < '\uFFFF'; c++)
        {
            if (c == ' ' || !char.IsWhiteSpace(c)) continue;
            Assert.True(R04WhiteSpaceAndQuotes.NeedsCleaning("A" + c + "B"), $"U+{(int)c:X4}");
        }
    }
}
