namespace Names.Normalization.Text;

/// <summary>
/// One word of a name: where it sits in the display text and its key form (<see cref="Match"/>: upper-case,
/// diacritics folded, periods and apostrophes removed). Rules compare and rewrite <see cref="Match"/>.
/// </summary>
internal struct NameToken
{
    public int Start;
    public int End;
    public string Match;
    public TokenFlags Flags;
    /// <summary>Index of the comma/semicolon-separated segment the token is in.</summary>
    public int Segment;

    public readonly int Length => End - Start;
    public readonly bool Has(TokenFlags f) => (Flags & f) != 0;
    public readonly bool IsSingleLetter => Match.Length == 1 && char.IsLetter(Match[0]);
}

[Flags]
internal enum TokenFlags
{
    None = 0,
    SpaceBefore = 1 << 0,
    CommaBefore = 1 << 1,
    SemicolonBefore = 1 << 2,
    SlashBefore = 1 << 3,
    HyphenBefore = 1 << 4,
    Ampersand = 1 << 5,
    NonLatin = 1 << 6,
    Cjk = 1 << 7,
    HasDigit = 1 << 8,
    HasLower = 1 << 9,
    HasUpper = 1 << 10,
    PeriodAfter = 1 << 11,
    Apostrophe = 1 << 12,
    SpaceAfter = 1 << 13,
}
