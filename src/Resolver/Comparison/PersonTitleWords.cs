namespace Names.Resolver.Comparison;

/// <summary>
/// Words of a person's name field that carry no identity: ranks and forms of address (Data/person-title-words.txt:
/// SIR, BARONET, BT, LADY ...) and words with digits (1ST, 2ND, 1859-1932). A row named only by such words (SIR BARONET,
/// 1ST BT.) has no comparable name: its context decides.
/// </summary>
public sealed class PersonTitleWords
{
    private readonly HashSet<string> _words;

    private PersonTitleWords(IEnumerable<string> words) => _words = new HashSet<string>(words, StringComparer.Ordinal);

    private static readonly Lazy<PersonTitleWords> Shared = new(() => new PersonTitleWords(
        ResolverDataFile.ReadLines("person-title-words.txt").Select(l => l.Trim().ToUpperInvariant())));

    /// <summary>The list shipped with the library (read once, immutable).</summary>
    public static PersonTitleWords Default => Shared.Value;

    /// <summary>True for a title word or a word containing a digit; <paramref name="word"/> upper case, without dots.</summary>
    public bool IsTitle(string word)
    {
        foreach (var c in word) if (char.IsAsciiDigit(c)) return true;
        return _words.Contains(word.TrimEnd('.'));
    }
}
