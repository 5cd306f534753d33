namespace Names.Resolver.Comparison;

/// <summary>One name is the acronym of the other (IBM vs INTERNATIONAL BUSINESS MACHINES); only judged when one side is a short single token.</summary>
public sealed class AcronymFeature : IComparisonFeature
{
    public string Name => "acronym";
    public IReadOnlyList<string> Levels { get; } = ["not an acronym", "acronym of the other"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        var (shortName, longName) = a.CompactKey.Length <= b.CompactKey.Length ? (a, b) : (b, a);
        if (shortName.Tokens.Length != 1 || longName.Tokens.Length < 2) return IComparisonFeature.NotComparable;
        var candidate = shortName.Tokens[0];
        if (candidate.Length < 2 || candidate.Length > 6 || !candidate.All(char.IsLetter)) return IComparisonFeature.NotComparable;
        // Initials of all tokens, and of the tokens left once the acronym's own letters run out (legal forms at the end).
        var initials = string.Concat(longName.Tokens.Where(t => t.Length > 0 && char.IsLetter(t[0])).Select(t => t[0]));
        return initials.StartsWith(candidate, StringComparison.Ordinal) && candidate.Length >= Math.Min(3, initials.Length) ? 1 : 0;
    }
}
