namespace Names.Normalization.LegalForms;

/// <summary>R9: where in a name a legal form may be recognised and stripped.</summary>
[Flags]
internal enum FormPositions
{
    None = 0,
    End = 1,
    Start = 2,
    Middle = 4,
}
