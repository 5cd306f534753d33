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
    /// Both organisations carry a legal form and the forms are clearly different: not the same letters, and different
    /// ISO 20275 codes when both are known in one country (AG and AKTIENGESELLSCHAFT share one), otherwise different letters where neither is an abbreviation of the
    /// other (INC / INCORPORATED and LTD / LIMITED agree: same first letter, letters in order; COMPANY LLC / LLC agree).
    /// </summary>
    public static bool FormsDiffer(NameRecord a, NameRecord b) => FormsDiffer((a.LegalForm, a.ElfCode, a.Country), (b.LegalForm, b.ElfCode, b.Country));

    /// <summary><see cref="FormsDiffer(NameRecord, NameRecord)"/> for two parties' legal forms, ISO 20275 codes and countries.</summary>
    public static bool FormsDiffer((string Form, string ElfCode, string Country) a, (string Form, string ElfCode, string Country) b)
    {
        if (a.Form.Length == 0 || b.Form.Length == 0) return false;
        if (SameForm(a.Form, b.Form)) return false;
        // ISO 20275 codes are per jurisdiction (GMBH in DE and in AT have different codes): compared within one country.
        if (a.ElfCode.Length > 0 && b.ElfCode.Length > 0 && a.Country == b.Country) return a.ElfCode != b.ElfCode;
        var (x, y) = (Letters(a.Form), Letters(b.Form));
        // COMPANY LLC / L.L.C.: one form written with a word the other leaves off.
        return !(Abbreviates(x, y) || Abbreviates(y, x) || x.EndsWith(y, StringComparison.Ordinal) || y.EndsWith(x, StringComparison.Ordinal));
    }

    private static string Letters(string form) => new(form.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    private static bool Abbreviates(string shortForm, string longForm)
    {
        if (shortForm.Length == 0 || shortForm.Length > longForm.Length || shortForm[0] != longForm[0]) return false;
        int j = 0;
        foreach (var c in longForm)
            if (j < shortForm.Length && c == shortForm[j]) j++;
        return j == shortForm.Length;
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
