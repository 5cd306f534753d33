using Names.Normalization;
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

    /// <summary>Version of what a variant's terms are; an index on disk holding another version is rebuilt. Raise it with any change to the terms.</summary>
    public const int Version = 2;

    public static CandidateTerms Of(NameRecord record, BlockingKeyGenerator keys)
    {
        var nameKeys = keys.Keys(record, qGrams: false).Where(k => !k.StartsWith(TokenKeyPrefix, StringComparison.Ordinal)).ToList();
        var words = new List<string>(record.Tokens.Length * 2);
        foreach (var t in record.Tokens) if (!words.Contains(t)) words.Add(t);
        foreach (var t in WordsOf(record.RomanizedName)) if (!words.Contains(t)) words.Add(t);
        var forms = record.Forms;
        // The concept key's distinctive words (place names folded to one exonym: ACORES -> AZORES) and the folded key's
        // words (YANDEKS -> YANDEX) find a name written in another language or romanisation; the whole concept key is
        // an exact key (UNIVERSIDADE DOS ACORES = UNIVERSITY OF THE AZORES).
        foreach (var w in forms.ConceptWords) if (w.Length > 0 && w[0] != ConceptMark && !words.Contains(w)) words.Add(w);
        foreach (var t in WordsOf(forms.FoldedKey)) if (!words.Contains(t)) words.Add(t);
        foreach (var t in WordsOf(forms.Field)) if (!words.Contains(t)) words.Add(t);
        if (forms.ConceptKey.Length > 0) nameKeys.Add(ConceptKeyPrefix + forms.ConceptKey);
        // An acronym meets the initials of the names it stands for, whichever of the two is indexed and which looks up.
        foreach (var a in AcronymTerms(record)) if (!nameKeys.Contains(a)) nameKeys.Add(a);
        // Each word of an organisation within its country: rare there even when common at large (NATIONAL, ETHIK), it
        // ranks the same organisation's other names above namesakes abroad. Persons have family name + initial keys.
        if (record.Country.Length > 0 && record.Kind != EntityKind.Person)
            foreach (var w in words) nameKeys.Add(CountryWordPrefix + record.Country + "|" + w);
        return new CandidateTerms(nameKeys, words);
    }

    private const char ConceptMark = '#';
    private const string ConceptKeyPrefix = "ck:", AcronymPrefix = "a:", CountryWordPrefix = "cw:";
    /// <summary>Longest single word read as a possible acronym (CNRS, INSERM, UNESCO).</summary>
    private const int MaxAcronymLength = 8;

    /// <summary>
    /// The acronym terms of a name: the acronyms its field gave (R25), the initials of its words, and the name itself
    /// when it is one short word (it may be an acronym the normaliser could not tell from a word).
    /// </summary>
    private static IEnumerable<string> AcronymTerms(NameRecord record)
    {
        foreach (var a in record.Forms.Acronyms.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (a.Length >= 2) yield return AcronymPrefix + a.ToUpperInvariant();
        if (record.Forms.Initials.Length >= 2) yield return AcronymPrefix + record.Forms.Initials;
        if (record.Tokens.Length == 1 && record.CompactKey.Length is >= 2 and <= MaxAcronymLength) yield return AcronymPrefix + record.CompactKey;
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

    private static readonly char[] FieldSeparators = [' ', ',', ';', '/', '-', '(', ')', '&'];

    private static IEnumerable<string> WordsOf(string text)
    {
        if (text.Length == 0) yield break;
        // Marks off (ÉCOLE = ECOLE): the field is raw text, the keys' words are already folded.
        var folded = text.Normalize(System.Text.NormalizationForm.FormD).ToUpperInvariant();
        foreach (var w in folded.Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = new string(w.Where(char.IsLetterOrDigit).ToArray());
            if (word.Length > 0) yield return word;
        }
    }
}
