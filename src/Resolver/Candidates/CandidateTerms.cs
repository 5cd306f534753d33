using Names.Resolver.Comparison;

namespace Names.Resolver.Candidates;

/// <summary>
/// What the candidate index holds of a name and searches with: its blocking keys (<see cref="BlockingKeyGenerator"/>,
/// exact terms; the token keys are left to <see cref="Words"/>) and its words, from the cleaned name and the romanised
/// one. The index derives character n-grams from the words (<see cref="Grams"/>).
/// </summary>
public sealed record CandidateTerms(IReadOnlyList<string> Keys, IReadOnlyList<string> Words)
{
    private const string TokenKeyPrefix = "t:";

    public static CandidateTerms Of(NameRecord record, BlockingKeyGenerator keys)
    {
        var nameKeys = keys.Keys(record, qGrams: false).Where(k => !k.StartsWith(TokenKeyPrefix, StringComparison.Ordinal)).ToList();
        var words = new List<string>(record.Tokens.Length * 2);
        foreach (var t in record.Tokens) if (!words.Contains(t)) words.Add(t);
        foreach (var t in WordsOf(record.RomanizedName)) if (!words.Contains(t)) words.Add(t);
        return new CandidateTerms(nameKeys, words);
    }

    /// <summary>The name part (keys from the name, and the words) and the context part (keys from context values).</summary>
    public (CandidateTerms Name, CandidateTerms Context) SplitContext()
    {
        var name = new List<string>(Keys.Count);
        var context = new List<string>();
        foreach (var k in Keys) (BlockingKeyGenerator.IsContextKey(k) ? context : name).Add(k);
        return (new CandidateTerms(name, Words), new CandidateTerms(context, []));
    }

    public bool IsEmpty => Keys.Count == 0 && Words.Count == 0;

    /// <summary>Gram length: three letters tolerate one typo every few letters and still say something in short words.</summary>
    public const int GramLength = 3;

    /// <summary>
    /// Character n-grams of the words, each word padded with a boundary mark so that beginnings and ends count (PHILIPS
    /// and PHILLIPS share _PH, PHI, HIL, IPS, PS_), distinct. A name whose keys all miss (a typo in the first letters, a
    /// glued or split word, a longer form) still shares most of them.
    /// </summary>
    public IReadOnlyList<string> Grams()
    {
        var grams = new List<string>(Words.Count * 8);
        foreach (var w in Words)
        {
            var padded = "_" + w + "_";
            for (int i = 0; i + GramLength <= padded.Length; i++)
            {
                var g = padded.Substring(i, GramLength);
                if (!grams.Contains(g)) grams.Add(g); // a name has a few dozen at most: a scan beats a hash set's allocations
            }
        }
        return grams;
    }

    private static IEnumerable<string> WordsOf(string text)
    {
        if (text.Length == 0) yield break;
        foreach (var w in text.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = new string(w.Where(char.IsLetterOrDigit).ToArray());
            if (word.Length > 0) yield return word;
        }
    }
}
