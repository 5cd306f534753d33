namespace Names.Resolver.Comparison;

/// <summary>
/// Given names and their nicknames or diminutives (GUS / AUGUSTUS, BILL / WILLIAM, PEGGY / MARGARET), from
/// Data/given-name-variants.csv (carltonnorthern/nicknames, see Data/SOURCE.md): each line is a name followed by its
/// variants. Two names are variants when one is listed on the other's line. Not transitive: the BILL line lists both
/// WILLIAM and ROBERT, which does not make WILLIAM a variant of ROBERT.
/// </summary>
public sealed class GivenNameVariants
{
    /// <summary>Per name (upper case), the variants its own line lists.</summary>
    private readonly Dictionary<string, HashSet<string>> _variants = new(StringComparer.Ordinal);

    public GivenNameVariants(IEnumerable<IReadOnlyList<string>> lines)
    {
        foreach (var line in lines)
        {
            var names = line.Select(n => n.Trim().ToUpperInvariant()).Where(n => n.Length > 1).ToList();
            if (names.Count < 2) continue;
            if (!_variants.TryGetValue(names[0], out var set)) _variants[names[0]] = set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var n in names.Skip(1)) if (n != names[0]) set.Add(n);
        }
    }

    private static readonly Lazy<GivenNameVariants> Shared = new(() => new GivenNameVariants(
        ResolverDataFile.ReadLines("given-name-variants.csv").Select(l => l.Split(','))));

    /// <summary>The table shipped with the library (read once, immutable).</summary>
    public static GivenNameVariants Default => Shared.Value;

    /// <summary>True when one (upper-case) given name is listed as a variant of the other; false for equal names.</summary>
    public bool AreVariants(string a, string b) =>
        a != b && ((_variants.TryGetValue(a, out var va) && va.Contains(b)) || (_variants.TryGetValue(b, out var vb) && vb.Contains(a)));
}
