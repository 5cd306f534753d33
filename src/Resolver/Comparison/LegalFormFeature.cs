namespace Names.Resolver.Comparison;

/// <summary>Legal forms of two organisations: same, different (BV vs INC is weak evidence against), or unknown.</summary>
public sealed class LegalFormFeature : IComparisonFeature
{
    public string Name => "legal_form";
    public IReadOnlyList<string> Levels { get; } = ["different legal forms", "same legal form"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.LegalForm.Length == 0 || b.LegalForm.Length == 0) return IComparisonFeature.NotComparable;
        return string.Equals(a.LegalForm, b.LegalForm, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
    }
}
