namespace Names.Resolver.Comparison;

/// <summary>
/// A date context column (date of birth, filing date ...) compared with graded levels, Splink style: a typed date often
/// carries one wrong digit (1856-86-18 / 1856-06-18) or only a year, so exact overlap alone would call it different.
/// Multi-valued cells (pooled context of an entity) take the best level over the value pairs.
/// </summary>
public sealed class DateContextFeature(string column) : IComparisonFeature
{
    public const string Prefix = "date:";
    /// <summary>Level "one digit differs or transposed"; this and above mean the dates agree up to a typo.</summary>
    public const int OneDigitLevel = 3;

    public string Column { get; } = column;
    public string Name => Prefix + Column;
    public IReadOnlyList<string> Levels { get; } = ["more than 10 years apart", "within 10 years", "same year", "one digit differs or transposed", "same year and month", "equal"];

    /// <summary>Values compared per side; pooled sets beyond this are sampled in order (bounded work per pair).</summary>
    private const int MaxValues = 32;

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (!a.Context.TryGetValue(Column, out var sa) || !b.Context.TryGetValue(Column, out var sb) || sa.Count == 0 || sb.Count == 0)
            return IComparisonFeature.NotComparable;
        int best = -1;
        int ia = 0;
        foreach (var x in sa)
        {
            if (++ia > MaxValues) break;
            if (sb.Contains(x)) return Levels.Count - 1;
            int ib = 0;
            foreach (var y in sb)
            {
                if (++ib > MaxValues) break;
                best = Math.Max(best, CompareValues(x, y));
            }
        }
        return best;
    }

    public static int CompareValues(string x, string y)
    {
        if (x == y) return 5;
        bool px = TryParts(x, out var yx, out var mx), py = TryParts(y, out var yy, out var my);
        if (px && py && yx == yy && mx == my && mx > 0) return 4;
        if (x.Length == y.Length && OneDigitApart(x, y)) return 3;
        if (!px || !py) return 0;
        if (yx == yy) return 2;
        return Math.Abs(yx - yy) <= 10 ? 1 : 0;
    }

    /// <summary>Year and month (0 when absent) of a date written year first (1856-06-18, 1856/06, 1856, 18560618).</summary>
    public static bool TryParts(string value, out int year, out int month)
    {
        year = month = 0;
        // Compact form 19081209 (febrl, many registries).
        if (value.Length == 8 && value.All(char.IsAsciiDigit))
        {
            year = int.Parse(value.AsSpan(0, 4));
            var mm = int.Parse(value.AsSpan(4, 2));
            month = mm is >= 1 and <= 12 ? mm : 0;
            return true;
        }
        var parts = value.Split(['-', '/', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0].Length != 4 || !int.TryParse(parts[0], out year)) return false;
        if (parts.Length > 1 && int.TryParse(parts[1], out var m) && m is >= 1 and <= 12) month = m;
        return true;
    }

    /// <summary>Same length, and either exactly one position differs or two adjacent positions are swapped.</summary>
    private static bool OneDigitApart(string x, string y)
    {
        int first = -1, count = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] == y[i]) continue;
            if (++count > 2) return false;
            if (first < 0) first = i;
            else if (i != first + 1 || x[first] != y[i] || x[i] != y[first]) return false;
        }
        return count is 1 or 2;
    }

    /// <summary>True when most non-empty values look like dates written year first: the column is compared as dates.</summary>
    public static bool LooksLikeDates(IEnumerable<string> values)
    {
        int seen = 0, dates = 0;
        foreach (var v in values)
        {
            if (string.IsNullOrWhiteSpace(v)) continue;
            seen++;
            if (TryParts(v.Trim(), out var y, out _) && y is > 0 and < 3000) dates++;
            if (seen >= 2000) break;
        }
        return seen > 0 && dates >= 0.9 * seen;
    }
}
