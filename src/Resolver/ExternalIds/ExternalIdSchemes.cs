namespace Names.Resolver.ExternalIds;

/// <summary>The identifier schemes Names knows, by name; the one place a value is checked and put in normal form.</summary>
public static class ExternalIdSchemes
{
    private static readonly IExternalIdScheme[] Fixed =
        [new LeiScheme(), new RorScheme(), Mod11_2Scheme.Orcid, Mod11_2Scheme.Isni, new WikidataScheme(), new FundRefScheme()];

    private static readonly Lazy<HashSet<string>> St3Codes = new(() =>
        ResolverDataFile.ReadLines("st3-codes.txt").Select(l => l.Split('\t')[0].Trim()).ToHashSet(StringComparer.Ordinal));

    /// <summary>The scheme names that need no office code, for help texts.</summary>
    public static IEnumerable<string> Names => Fixed.Select(s => s.Name).Append(OfficeNumberScheme.Prefix + "XX");

    /// <summary>The scheme of that name (case-insensitive; <c>office:XX</c> with a WIPO ST.3 code), or null with the reason.</summary>
    public static IExternalIdScheme? Find(string name, out string reason)
    {
        var lower = name.Trim().ToLowerInvariant();
        reason = "";
        if (lower.StartsWith(OfficeNumberScheme.Prefix, StringComparison.Ordinal))
        {
            var office = lower[OfficeNumberScheme.Prefix.Length..].ToUpperInvariant();
            if (St3Codes.Value.Contains(office)) return new OfficeNumberScheme(office);
            reason = $"'{office}' is not a WIPO ST.3 office code";
            return null;
        }
        var scheme = Fixed.FirstOrDefault(s => s.Name == lower);
        if (scheme is null) reason = $"unknown identifier scheme '{name}' (known: {string.Join(", ", Names)})";
        return scheme;
    }

    /// <summary>The identifier in normal form; <see cref="ExternalIdException"/> with the reason when scheme or value is refused.</summary>
    public static ExternalId Parse(string scheme, string value) =>
        TryParse(scheme, value, out var id, out var reason) ? id : throw new ExternalIdException(reason);

    public static bool TryParse(string scheme, string value, out ExternalId id, out string reason)
    {
        id = null!;
        var found = Find(scheme, out reason);
        if (found is null) return false;
        var normal = found.Normalize(value, out reason);
        if (normal is null)
        {
            reason = $"{found.Label} '{value}': {reason}";
            return false;
        }
        id = new ExternalId(found.Name, normal);
        return true;
    }

    /// <summary>How explanations name the scheme ("same LEI").</summary>
    public static string LabelOf(string scheme) => Find(scheme, out _)?.Label ?? scheme;
}
