using Names.Resolver.Identifiers;

namespace Names.Resolver.ExternalIds;

/// <summary>Legal Entity Identifier (ISO 17442): 18 letters or digits and 2 check digits, ISO 7064 MOD 97-10.</summary>
public sealed class LeiScheme : IExternalIdScheme
{
    public string Name => "lei";
    public string Label => "LEI";

    public string? Normalize(string raw, out string reason)
    {
        var value = Iso7064.Compact(raw);
        reason = "";
        if (value.Length != 20) reason = $"an LEI has 20 characters, not {value.Length}";
        else if (!value.All(char.IsAsciiLetterOrDigit)) reason = "an LEI holds letters A-Z and digits only";
        else if (!char.IsAsciiDigit(value[18]) || !char.IsAsciiDigit(value[19])) reason = "an LEI ends in two check digits";
        else if (!Iso7064.Mod97_10Valid(value)) reason = "wrong check digits (ISO 7064 MOD 97-10)";
        return reason.Length == 0 ? value : null;
    }
}

/// <summary>
/// ROR id: '0', 6 Crockford base32 characters and 2 check digits (ISO 7064 MOD 97-10 of the number the first 7
/// characters encode). Written lower case, without the https://ror.org/ prefix.
/// </summary>
public sealed class RorScheme : IExternalIdScheme
{
    public string Name => "ror";
    public string Label => "ROR id";

    public string? Normalize(string raw, out string reason)
    {
        var value = Iso7064.WithoutUrl(raw, "ror.org").ToLowerInvariant();
        reason = "";
        if (value.Length != 9) reason = $"a ROR id has 9 characters, not {value.Length}";
        else if (value[0] != '0') reason = "a ROR id starts with 0";
        else if (!value[..7].All(c => GlobalId.CrockfordAlphabet.Contains(char.ToUpperInvariant(c)))) reason = "a ROR id's first 7 characters are Crockford base32 (no i, l, o, u)";
        else if (!char.IsAsciiDigit(value[7]) || !char.IsAsciiDigit(value[8])) reason = "a ROR id ends in two check digits";
        else
        {
            long number = 0;
            foreach (var c in value[..7]) number = number * 32 + GlobalId.CrockfordAlphabet.IndexOf(char.ToUpperInvariant(c));
            var check = 98 - (int)(number * 100 % 97);
            if (check != int.Parse(value[7..])) reason = "wrong check digits (ISO 7064 MOD 97-10)";
        }
        return reason.Length == 0 ? value : null;
    }
}

/// <summary>
/// A 16-character identifier of 15 digits and an ISO 7064 MOD 11-2 check character (digit or X): ORCID (written
/// 0000-0002-1825-0097) and ISNI (written 0000000121032683), which share the system.
/// </summary>
public sealed class Mod11_2Scheme(string name, string label, string host, bool hyphenated) : IExternalIdScheme
{
    public static readonly Mod11_2Scheme Orcid = new("orcid", "ORCID", "orcid.org", hyphenated: true);
    public static readonly Mod11_2Scheme Isni = new("isni", "ISNI", "isni.org/isni", hyphenated: false);

    public string Name => name;
    public string Label => label;

    public string? Normalize(string raw, out string reason)
    {
        var value = Iso7064.Compact(Iso7064.WithoutUrl(raw, host));
        reason = "";
        if (value.Length != 16) reason = $"an {label} has 16 digits, not {value.Length}";
        else if (!value[..15].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(value[15]) || value[15] == 'X')) reason = $"an {label} is 15 digits and a check digit or X";
        else if (Iso7064.Mod11_2(value.AsSpan(0, 15)) != value[15]) reason = "wrong check character (ISO 7064 MOD 11-2)";
        if (reason.Length > 0) return null;
        return hyphenated ? $"{value[..4]}-{value[4..8]}-{value[8..12]}-{value[12..]}" : value;
    }
}

/// <summary>Wikidata item: Q and a number without leading zero (Q42); a wikidata.org URL is read too.</summary>
public sealed class WikidataScheme : IExternalIdScheme
{
    public string Name => "wikidata";
    public string Label => "Wikidata item";

    public string? Normalize(string raw, out string reason)
    {
        var value = Iso7064.WithoutUrl(raw, "www.wikidata.org/wiki", "wikidata.org/wiki", "www.wikidata.org/entity", "wikidata.org/entity").ToUpperInvariant();
        reason = value.Length < 2 || value[0] != 'Q' || value[1] == '0' || !value[1..].All(char.IsAsciiDigit) || value.Length > 12
            ? "a Wikidata item is Q and a number (Q42)" : "";
        return reason.Length == 0 ? value : null;
    }
}

/// <summary>Crossref Funder Registry id (FundRef): digits, also written as its DOI 10.13039/NNN. No check digit.</summary>
public sealed class FundRefScheme : IExternalIdScheme
{
    public string Name => "fundref";
    public string Label => "FundRef id";

    public string? Normalize(string raw, out string reason)
    {
        var value = Iso7064.WithoutUrl(raw, "doi.org/10.13039", "dx.doi.org/10.13039", "10.13039");
        reason = value.Length is < 6 or > 15 || !value.All(char.IsAsciiDigit) ? "a FundRef id is 6 to 15 digits (10.13039/501100000780)" : "";
        return reason.Length == 0 ? value : null;
    }
}

/// <summary>
/// An office's own number for a party (applicant or owner number), <c>office:XX</c> with XX the office's WIPO ST.3
/// code. Offices format their numbers freely: kept as given, trimmed and upper case, printable, at most 64 characters.
/// </summary>
public sealed class OfficeNumberScheme(string office) : IExternalIdScheme
{
    public const string Prefix = "office:";
    public const int MaxLength = 64;

    public string Name => Prefix + office;
    public string Label => office + " office number";

    public string? Normalize(string raw, out string reason)
    {
        var value = raw.Trim().ToUpperInvariant();
        reason = value.Length == 0 ? "empty office number"
            : value.Length > MaxLength ? $"an office number has at most {MaxLength} characters"
            : value.Any(char.IsControl) ? "an office number holds no control characters" : "";
        return reason.Length == 0 ? value : null;
    }
}
