using System.Text;

namespace Names.Resolver.Comparison;

/// <summary>
/// A sound-alike code of one upper-case Latin word, after Lawrence Philips' Metaphone (1990), written from the
/// published rules: vowels count only as the first letter, consonant groups map to one sound (PH = F, CK = K,
/// SCH = SK, TH = 0, SH/CH/TIA = X, soft C = S, soft G = J, DGE = J, silent GH/KN/WR/GN), doubled letters collapse.
/// Two changes for names written from other languages: every leading vowel codes as A (OSAMA / USAMA, ALLISON /
/// ELLISON) and W first or before a vowel sounds as V (WLADIMIR / VLADIMIR, WOLODYMYR / VOLODYMYR). Letters outside A-Z are skipped.
/// </summary>
public static class PhoneticKey
{
    public static string Encode(string word)
    {
        // Letters only, doubled letters collapsed (except CC: ACCENT).
        Span<char> w = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        int n = 0;
        foreach (var c in word)
        {
            if (c < 'A' || c > 'Z') continue;
            if (n > 0 && w[n - 1] == c && c != 'C') continue;
            w[n++] = c;
        }
        if (n == 0) return "";
        w = w[..n];
        var code = new StringBuilder(n);
        int start = 0;
        if (n >= 2 && ((w[0] is 'G' or 'K' or 'P' && w[1] == 'N') || (w[0] == 'W' && w[1] == 'R') || (w[0] == 'A' && w[1] == 'E'))) start = 1;
        else if (w[0] == 'X') { code.Append('S'); start = 1; }
        else if (n >= 2 && w[0] == 'W' && w[1] == 'H') { code.Append('W'); start = 2; }
        for (int i = start; i < n; i++)
        {
            char c = w[i];
            char prev = i > 0 ? w[i - 1] : '\0';
            char next = i + 1 < n ? w[i + 1] : '\0';
            char next2 = i + 2 < n ? w[i + 2] : '\0';
            switch (c)
            {
                case 'A' or 'E' or 'I' or 'O' or 'U':
                    if (i == start && code.Length == 0) code.Append('A');
                    break;
                case 'B':
                    if (!(i == n - 1 && prev == 'M')) code.Append('B');
                    break;
                case 'C':
                    if (next == 'I' && next2 == 'A') code.Append('X');
                    else if (next == 'H') { code.Append(prev == 'S' ? 'K' : 'X'); i++; }
                    else if (next is 'I' or 'E' or 'Y') { if (prev != 'S') code.Append('S'); }
                    else code.Append('K');
                    break;
                case 'D':
                    if (next == 'G' && next2 is 'E' or 'I' or 'Y') { code.Append('J'); i++; }
                    else code.Append('T');
                    break;
                case 'G':
                    if (next == 'H' && i + 2 < n && !IsVowel(next2)) break; // NIGHT: silent
                    if (next == 'N' && (i + 2 == n || (i + 4 == n && w[i + 2] == 'E' && w[i + 3] == 'D'))) break; // SIGN, SIGNED
                    if (next is 'I' or 'E' or 'Y' && prev != 'G') code.Append('J');
                    else code.Append('K');
                    break;
                case 'H':
                    if (IsVowel(prev) && !IsVowel(next)) break;
                    if (prev is 'C' or 'S' or 'P' or 'T' or 'G') break;
                    code.Append('H');
                    break;
                case 'K':
                    if (prev != 'C') code.Append('K');
                    break;
                case 'P':
                    if (next == 'H') { code.Append('F'); i++; }
                    else code.Append('P');
                    break;
                case 'Q':
                    code.Append('K');
                    break;
                case 'S':
                    if (next == 'H') { code.Append('X'); i++; }
                    else if (next == 'I' && next2 is 'O' or 'A') code.Append('X');
                    else code.Append('S');
                    break;
                case 'T':
                    if (next == 'I' && next2 is 'O' or 'A') code.Append('X');
                    else if (next == 'H') { code.Append('0'); i++; }
                    else if (!(next == 'C' && next2 == 'H')) code.Append('T');
                    break;
                case 'V':
                    code.Append('F');
                    break;
                case 'W':
                    if (IsVowel(next) || i == 0) code.Append('F');
                    break;
                case 'X':
                    code.Append("KS");
                    break;
                case 'Y':
                    if (IsVowel(next)) code.Append('Y');
                    break;
                case 'Z':
                    code.Append('S');
                    break;
                default: // F J L M N R
                    code.Append(c);
                    break;
            }
        }
        return code.ToString();
    }

    /// <summary>
    /// The consonants of <see cref="Encode"/> alone, with W, Y and H (vowel carriers in romanised Arabic, Persian and
    /// Hebrew, which write few vowels) left out and P = B, TH = T: for comparing a name romanised from such a script
    /// with its Latin spelling (BYRYZ / PEREZ, FRNANDW / FERNANDO).
    /// </summary>
    public static string Skeleton(string word)
    {
        var code = Encode(word);
        var skeleton = new StringBuilder(code.Length);
        foreach (var c in code)
        {
            if (c is 'A' or 'W' or 'Y' or 'H') continue;
            skeleton.Append(c switch { 'P' => 'B', '0' => 'T', _ => c });
        }
        return skeleton.ToString();
    }

    private static bool IsVowel(char c) => c is 'A' or 'E' or 'I' or 'O' or 'U';
}
