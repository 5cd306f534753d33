namespace Names.Normalization.Tests;

/// <summary>R2's shortcut: text made only of characters below U+0300 is taken as NFC without asking ICU.</summary>
public class NfcShortcutTests
{
    [Fact]
    public void Characters_below_U0300_are_nfc_alone_and_in_pairs()
    {
        var pair = new char[2];
        for (char a = '\u0001'; a < '\u0300'; a++)
        {
            Assert.True(a.ToString().IsNormalized(System.Text.NormalizationForm.FormC), $"U+{(int)a:X4}");
            pair[0] = a;
            for (char b = '\u0001'; b < '\u0300'; b++)
            {
                pair[1] = b;
                Assert.True(new string(pair).IsNormalized(System.Text.NormalizationForm.FormC), $"U+{(int)a:X4} U+{(int)b:X4}");
            }
        }
    }
}
