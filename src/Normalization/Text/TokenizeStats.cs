namespace Names.Normalization.Text;

/// <summary>What tokenising changed, so that R5-R7 can report whether they fired.</summary>
internal struct TokenizeStats
{
    public bool CaseChanged;
    public bool DiacriticFolded;
    public bool PunctuationRemoved;
    public bool CompatibilityFolded;
}
