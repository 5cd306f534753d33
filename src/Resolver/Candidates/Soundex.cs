namespace Names.Resolver.Candidates;

/// <summary>American Soundex of an upper-case Latin token (letter + 3 digits); empty when the token has no Latin letter.</summary>
public static class Soundex
{
    //                                    ABCDEFGHIJKLMNOPQRSTUVWXYZ
    private const string Codes = "01230120022455012623010202";

    public static string Encode(string token)
    {
        Span<char> result = stackalloc char[4];
        int n = 0;
        char last = '\0';
        foreach (var c in token)
        {
            if (c < 'A' || c > 'Z') continue;
            var code = Codes[c - 'A'];
            if (n == 0) { result[n++] = c; last = code; continue; }
            if (c is 'H' or 'W') continue; // H and W do not separate equal codes
            if (code != '0' && code != last) { result[n++] = code; if (n == 4) break; }
            last = code;
        }
        if (n == 0) return "";
        while (n < 4) result[n++] = '0';
        return new string(result);
    }
}
