namespace Names.Resolver.Comparison;

/// <summary>Legal forms of two organisations: same, different (BV vs INC is weak evidence against), or unknown.</summary>
public sealed class LegalFormFeature : IComparisonFeature
{
    public string Name => "legal_form";
    public IReadOnlyList<string> Levels { get; } = ["different legal forms", "same legal form"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.LegalForm.Length == 0 || b.LegalForm.Length == 0) return IComparisonFeature.NotComparable;
        return SameForm(a.LegalForm, b.LegalForm) ? 1 : 0;
    }

    /// <summary>
    /// The normaliser keeps the form as written (N.V., N V, (N.V.), nv): only letters and digits count, so spelling
    /// of the same form does not read as a different form.
    /// </summary>
    public static bool SameForm(string a, string b)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && !char.IsLetterOrDigit(a[i])) i++;
            while (j < b.Length && !char.IsLetterOrDigit(b[j])) j++;
            if (i == a.Length || j == b.Length) return i == a.Length && j == b.Length;
            if (char.ToUpperInvariant(a[i]) != char.ToUpperInvariant(b[j])) return false;
            i++; j++;
        }
    }
}
