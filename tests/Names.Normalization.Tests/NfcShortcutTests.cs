using System.Text;
using Names.Normalization.Rules;

namespace Names.Normalization.Tests;

/// <summary>R2's shortcut: text made only of characters that are their own NFC form and never compose with a
/// neighbour is taken as NFC without asking ICU.</summary>
public class NfcShortcutTests
{
    [Fact]
    public void Characters_below_U0300_are_nfc_alone_and_in_pairs()
    {
        var pair = new char[2];
        for (char a = '\u0001'; a < '\u0300'; a++)
        {
            Assert.True(a.ToString().IsNormalized(NormalizationForm.FormC), $"U+{(int)a:X4}");
            pair[0] = a;
            for (char b = '\u0001'; b < '\u0300'; b++)
            {
                pair[1] = b;
                Assert.True(new string(pair).IsNormalized(NormalizationForm.FormC), $"U+{(int)a:X4} U+{(int)b:X4}");
            }
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Every_character_the_shortcut_takes_is_nfc_alone_and_after_any_other()
    {
        var taken = Enumerable.Range(1, 0xD7FF).Select(i => (char)i).Where(c => R02UnicodeNormalization.IsTriviallyNfc(c.ToString())).ToArray();
        Assert.Contains('가', taken);
        Assert.Contains('東', taken);
        Assert.Contains('ソ', taken);
        Assert.DoesNotContain('\u3099', taken); // the kana voicing mark composes with the letter before it
        Assert.DoesNotContain('\u11A8', taken); // a trailing jamo composes with the syllable before it
        foreach (var c in taken) Assert.True(c.ToString().IsNormalized(NormalizationForm.FormC), $"U+{(int)c:X4}");
        // composition needs a second character that combines backwards: none of them does, after any of them
        var firsts = taken.Where((_, i) => i % 97 == 0).Concat("AEOUaeouKkSsか가ᄀ").ToArray();
        var pair = new char[2];
        foreach (var b in taken)
        {
            pair[1] = b;
            foreach (var a in firsts)
            {
                pair[0] = a;
                Assert.True(new string(pair).IsNormalized(NormalizationForm.FormC), $"U+{(int)a:X4} U+{(int)b:X4}");
            }
        }
    }
}
