using System.Numerics;

namespace Names.Resolver.Identifiers;

/// <summary>
/// Global identifier format (DESIGN.md): kind letter P/L, 13 Crockford base32 characters, 2 check digits computed with
/// ISO 7064 MOD 97-10 over the first 14 characters (letters A=10 ... Z=35, as in the LEI).
/// </summary>
public static class GlobalId
{
    public const int Length = 16;
    public const int BodyLength = 13;
    /// <summary>Crockford base32: no I, L, O, U so that ids survive being read aloud and retyped.</summary>
    public const string CrockfordAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const char PersonPrefix = 'P';
    public const char LegalEntityPrefix = 'L';

    /// <summary>Builds a full id from the kind prefix and a 65-bit body value (only the low 65 bits are used).</summary>
    public static string Create(char prefix, UInt128 body)
    {
        if (prefix != PersonPrefix && prefix != LegalEntityPrefix) throw new ArgumentException("prefix must be P or L", nameof(prefix));
        Span<char> chars = stackalloc char[Length];
        chars[0] = prefix;
        for (int i = BodyLength; i >= 1; i--)
        {
            chars[i] = CrockfordAlphabet[(int)(body & 31)];
            body >>= 5;
        }
        var check = CheckDigits(chars[..14]);
        chars[14] = (char)('0' + check / 10);
        chars[15] = (char)('0' + check % 10);
        return new string(chars);
    }

    /// <summary>ISO 7064 MOD 97-10 check digits (02..98) of <paramref name="payload"/>.</summary>
    public static int CheckDigits(ReadOnlySpan<char> payload)
    {
        var remainder = Mod97(payload, appendZeros: true);
        return 98 - remainder;
    }

    /// <summary>True when the whole string (payload + 2 check digits) satisfies MOD 97-10, i.e. its number mod 97 is 1.</summary>
    public static bool Mod97Valid(ReadOnlySpan<char> text) => text.Length >= 3 && Mod97(text, appendZeros: false) == 1;

    /// <summary>True for a well-formed Names id: length, prefix, Crockford body, numeric valid check digits.</summary>
    public static bool IsValid(string? id)
    {
        if (id is null || id.Length != Length) return false;
        if (id[0] != PersonPrefix && id[0] != LegalEntityPrefix) return false;
        for (int i = 1; i <= BodyLength; i++)
            if (CrockfordAlphabet.IndexOf(id[i]) < 0) return false;
        if (!char.IsAsciiDigit(id[14]) || !char.IsAsciiDigit(id[15])) return false;
        return Mod97Valid(id);
    }

    private static int Mod97(ReadOnlySpan<char> text, bool appendZeros)
    {
        int remainder = 0;
        foreach (var c in text)
        {
            int value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                >= 'a' and <= 'z' => c - 'a' + 10,
                _ => throw new FormatException($"character '{c}' not allowed in MOD 97-10 payload"),
            };
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        if (appendZeros) remainder = remainder * 100 % 97;
        return remainder;
    }
}
