namespace Names.Resolver.Comparison;

/// <summary>
/// Given names and their nicknames or diminutives (GUS / AUGUSTUS, BILL / WILLIAM, PEGGY / MARGARET), from
/// Data/given-name-variants.csv (carltonnorthern/nicknames, see Data/SOURCE.md): each line is a name followed by its
/// variants; two names are variants of each other when one line holds both. Not transitive (BILL / WILLIAM and
/// BILL / ROBERT do not make WILLIAM / ROBERT).
/// </summary>
public sealed class GivenNameVariants
{
    /// <summary>Per name (upper case), the lines (ids) it appears on.</summary>
    private readonly Dictionary<string, int[]> _lines = new(StringComparer.Ordinal);

    public GivenNameVariants(IEnumerable<IReadOnlyList<string>> lines)
    {
        var byName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        int id = 0;
        foreach (var line in lines)
        {
            foreach (var name in line.Select(n => n.Trim().ToUpperInvariant()).Where(n => n.Length > 1).Distinct())
            {
                if (!byName.TryGetValue(name, out var list)) byName[name] = list = new List<int>(1);
                list.Add(id);
            }
            id++;
        }
        foreach (var (name, list) in byName) _lines[name] = list.ToArray();
    }

    private static readonly Lazy<GivenNameVariants> Shared = new(() => new GivenNameVariants(
        ResolverDataFile.ReadLines("given-name-variants.csv").Select(l => l.Split(','))));

    /// <summary>The table shipped with the library (read once, immutable).</summary>
    public static GivenNameVariants Default => Shared.Value;

    /// <summary>True when the two (upper-case) given names are listed as variants of each other; false for equal names.</summary>
    public bool AreVariants(string a, string b)
    {
        if (a == b || !_lines.TryGetValue(a, out var la) || !_lines.TryGetValue(b, out var lb)) return false;
        foreach (var x in la)
            if (Array.IndexOf(lb, x) >= 0) return true;
        return false;
    }
}
