namespace Names.Normalization.LegalForms;

/// <summary>A legal form found at tokens [Start, Start + Length) of a name.</summary>
internal readonly record struct LegalFormMatch(int Start, int Length, LegalFormEntry Entry)
{
    public int End => Start + Length;
}
