using Names.Resolver.Identifiers;

namespace Names.Resolver.ExternalIds;

/// <summary>The ISO 7064 check-character systems the identifier schemes use.</summary>
internal static class Iso7064
{
    /// <summary>MOD 97-10 over letters and digits (A=10 ... Z=35): the whole value, check digits included, is 1 mod 97.</summary>
    public static bool Mod97_10Valid(string text) => GlobalId.Mod97Valid(text);

    /// <summary>MOD 11-2 check character ('0'-'9' or 'X') of a run of digits (ORCID, ISNI).</summary>
    public static char Mod11_2(ReadOnlySpan<char> digits)
    {
        int total = 0;
        foreach (var c in digits) total = (total + (c - '0')) * 2 % 11;
        var check = (12 - total % 11) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    /// <summary>Letters and digits of <paramref name="raw"/> without the separators people write (space, hyphen), upper case.</summary>
    public static string Compact(string raw)
    {
        Span<char> buffer = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        int n = 0;
        foreach (var c in raw)
            if (c is not (' ' or '-' or '\t')) buffer[n++] = char.ToUpperInvariant(c);
        return new string(buffer[..n]);
    }

    /// <summary>The value without a URL prefix (<c>https://orcid.org/</c>, <c>https://ror.org/</c>): the last path segment.</summary>
    public static string WithoutUrl(string raw, params string[] hosts)
    {
        var text = raw.Trim();
        foreach (var host in hosts)
        {
            foreach (var scheme in new[] { "https://", "http://", "" })
            {
                var prefix = scheme + host + "/";
                if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return text[prefix.Length..];
            }
        }
        return text;
    }
}
