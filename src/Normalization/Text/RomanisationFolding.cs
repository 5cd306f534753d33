using System.Text;

namespace Names.Normalization.Text;

/// <summary>
/// R24: folds the spellings that different romanisation systems give one sound into one, so that romanisation
/// variants get one folded key: Hepburn and Kunrei (SHI/SI, CHI/TI, TSU/TU, FU/HU, JI/ZI, SHA/SYA ...), long vowels
/// written out (OU, OO, UU), Korean Revised Romanisation against McCune-Reischauer and brand spellings (EO/U, EU/U,
/// AE/E) and KS/X (YANDEKS/YANDEX). Applied to upper-case ASCII key words; a phonetic key for
/// comparison, never a name.
/// </summary>
internal static class RomanisationFolding
{
    // longest first at each position
    private static readonly (string From, string To)[] Rules =
    [
        ("SHA", "SYA"), ("SHU", "SYU"), ("SHO", "SYO"), ("SHI", "SI"), ("CHA", "TYA"), ("CHU", "TYU"), ("CHO", "TYO"),
        ("CHI", "TI"), ("TSU", "TU"), ("CKS", "X"),
        ("FU", "HU"), ("JI", "ZI"), ("JA", "ZYA"), ("JU", "ZYU"), ("JO", "ZYO"), ("KS", "X"),
        ("EO", "U"), ("EU", "U"), ("OU", "O"), ("OO", "O"), ("UU", "U"), ("AE", "E"),
    ];

    /// <summary><see cref="Rules"/> by the letter they start with (A-Z), in their order.</summary>
    private static readonly (string From, string To)[][] RulesByFirstLetter =
        Enumerable.Range('A', 26).Select(c => Rules.Where(r => r.From[0] == c).ToArray()).ToArray();

    /// <summary>The folded form of <paramref name="word"/>, or the word itself when nothing folds.</summary>
    public static string Fold(string word, StringBuilder sb)
    {
        if (!NeedsFold(word)) return word;
        sb.Clear();
        int i = 0;
        while (i < word.Length)
        {
            char c = word[i];
            bool matched = false;
            if (c is >= 'A' and <= 'Z')
            {
                foreach (var (from, to) in RulesByFirstLetter[c - 'A'])
                {
                    if (!word.AsSpan(i).StartsWith(from, StringComparison.Ordinal)) continue;
                    sb.Append(to);
                    i += from.Length;
                    matched = true;
                    break;
                }
            }
            if (!matched) sb.Append(word[i++]);
        }
        return SameAs(sb, word) ? word : sb.ToString();
    }

    private static bool SameAs(StringBuilder sb, string word)
    {
        if (sb.Length != word.Length) return false;
        for (int i = 0; i < word.Length; i++) if (sb[i] != word[i]) return false;
        return true;
    }


    /// <summary>Cheap test first: whether a rule matches anywhere (most words of Latin names match none).</summary>
    private static bool NeedsFold(string word)
    {
        for (int i = 0; i + 1 < word.Length; i++)
        {
            char a = word[i], b = word[i + 1];
            char c = i + 2 < word.Length ? word[i + 2] : '\0';
            switch (a)
            {
                case 'S' when b == 'H' && c is 'A' or 'U' or 'O' or 'I':
                case 'C' when (b == 'H' && c is 'A' or 'U' or 'O' or 'I') || (b == 'K' && c == 'S'):
                case 'T' when b == 'S' && c == 'U':
                case 'F' when b == 'U':
                case 'J' when b is 'I' or 'A' or 'U' or 'O':
                case 'K' when b == 'S':
                case 'E' when b is 'O' or 'U':
                case 'O' when b is 'U' or 'O':
                case 'U' when b == 'U':
                case 'A' when b == 'E':
                    return true;
            }
        }
        return false;
    }
}
