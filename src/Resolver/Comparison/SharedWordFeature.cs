namespace Names.Resolver.Comparison;

/// <summary>
/// Whether two organisation names share a word that names them: a word of the normaliser's concept key that is not a
/// concept (#UNIVERSITY), a stop word, a legal form (none of these are in the concept key), a country name
/// (<see cref="CountryNames"/>) or a descriptive word (Data/descriptive-organisation-words.txt: INTERNATIONAL, ROYAL,
/// SERVICES ...). Words pair exactly, with a typo (Jaro-Winkler >= 0.9 on words of 5+ letters), as an abbreviation (a
/// prefix of 3+ letters) or glued into the other name (its compact key holds a word of 4+ letters); an acronym of the
/// other name counts as its own level. DU PONT DE NEMOURS / THALES NEDERLAND share nothing: whatever lifts such a pair
/// (a legal form, patent classes) is not evidence they are one organisation. Not comparable for persons, for a name
/// made of generic words only, and for variants stored without a concept key.
/// </summary>
public sealed class SharedWordFeature : IComparisonFeature
{
    public const int NoneShared = 0;
    public const int AcronymOnly = 1;

    public string Name => "shared_words";
    public IReadOnlyList<string> Levels { get; } = ["no distinctive word in common", "one is an acronym of the other", "a distinctive word in common"];

    private static readonly Lazy<HashSet<string>> Descriptive = new(() => new HashSet<string>(
        ResolverDataFile.ReadLines("descriptive-organisation-words.txt").Select(l => l.Trim().ToUpperInvariant()), StringComparer.Ordinal));
    private static readonly AcronymFeature Acronym = new();
    private static readonly AcronymAliasFeature AcronymAlias = new();

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        var wa = a.DistinctiveWords;
        var wb = b.DistinctiveWords;
        if (wa.Length == 0 || wb.Length == 0) return IComparisonFeature.NotComparable;
        if (a.CompactKey == b.CompactKey) return 2; // spaced letters (D SM / DSM)
        foreach (var w in wa)
            if (WordSetRelation.HasCounterpart(w, wb, b.CompactKey)) return 2;
        foreach (var w in wb)
            if (w.Length >= 4 && a.CompactKey.Contains(w, StringComparison.Ordinal)) return 2;
        return Acronym.Compare(a, b, statistics) == 1 || AcronymAlias.Compare(a, b, statistics) >= 1 ? 1 : NoneShared;
    }

    /// <summary>The words of an organisation's concept key that could name it (see the class comment); empty for persons.</summary>
    internal static string[] Of(NameRecord record)
    {
        if (record.Kind == Names.Normalization.EntityKind.Person) return [];
        var words = record.Forms.ConceptWords;
        if (words.Length == 0) return [];
        var distinctive = new List<string>(words.Length);
        foreach (var w in words)
            if (w.Length >= 2 && w[0] != '#' && !Descriptive.Value.Contains(w) && CountryNames.Default.Mentioned([w]).Length == 0)
                distinctive.Add(w);
        return distinctive.Count == 0 ? [] : distinctive.ToArray();
    }
}
