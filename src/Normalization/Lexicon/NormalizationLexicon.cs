using System.Collections.Frozen;
using Names.Normalization.LegalForms;

namespace Names.Normalization.Lexicon;

/// <summary>
/// Every word list the rules use, loaded once from the embedded data files (Data/SOURCE.md) and immutable afterwards.
/// </summary>
internal sealed class NormalizationLexicon
{
    public required LegalFormTable LegalForms { get; init; }
    public required PhraseSet<bool> Titles { get; init; }
    public required PhraseSet<bool> Suffixes { get; init; }
    public required WordSet Particles { get; init; }
    public required WordSet Articles { get; init; }
    public required PhraseSet<bool> ArticleExceptions { get; init; }
    public required WordMap<string> GenericAbbreviations { get; init; }
    public required WordMap<string> SpellingVariants { get; init; }
    public required PhraseSet<bool> NonDistinctiveWords { get; init; }
    public required PhraseSet<string> SubtypeKeywords { get; init; }
    /// <summary>Subtype keywords in scripts without spaces (大学, 研究所 ...), matched inside tokens; highest
    /// <see cref="Evidence.SubtypeEvidence.Rank"/> first.</summary>
    public required (string Keyword, string Subtype)[] ScriptSubtypeKeywords { get; init; }
    public required PhraseSet<string> FragmentMarkers { get; init; }
    public required PhraseSet<bool> GovernanceWrappers { get; init; }
    public required PhraseSet<bool> DepartmentWords { get; init; }
    public required PhraseSet<bool> AddressWords { get; init; }
    public required WordSet GivenNames { get; init; }
    public required FrozenDictionary<string, char> EscapeMarks { get; init; }
    public required WordSet Connectors { get; init; }
    /// <summary>R8/R22/R24: generic organisation words of many languages -> concept (lists/organisation-concepts.tsv).</summary>
    public required ConceptTable Concepts { get; init; }
    /// <summary>R22/R24: place names in other languages and romanisations -> one form (lists/place-exonyms.tsv).</summary>
    public required WordMap<string> PlaceExonyms { get; init; }
    /// <summary>R24/R25: function words (OF, THE, DE, DER ...) left out of concept keys and acronym initials.</summary>
    public required WordSet StopWords { get; init; }
    /// <summary>R20: cities, regions and countries that end an affiliation field (lists/gazetteer.tsv).</summary>
    public required PhraseSet<Place> Places { get; init; }
    /// <summary>R8: the Korean reading of each ideograph (lists/hanja-readings.tsv).</summary>
    public required Transliteration.HanjaReadings Hanja { get; init; }

    public static NormalizationLexicon Load()
    {
        static PhraseSet<bool> Set(string path) => PhraseSet<bool>.FromLines(EmbeddedDataFile.ReadLines(path).Select(l => (l.Trim(), true)));
        static WordMap<string> Map(string path) => new(EmbeddedDataFile.ReadTsv(path)
            .Where(f => f.Length >= 2).GroupBy(f => f[0].Trim(), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.Ordinal));
        static WordSet Words(string path) => new(EmbeddedDataFile.ReadLines(path).Select(s => s.Trim()));

        // the legal-form table is about half of the load: built on another core meanwhile (start-up of every command)
        var legalForms = Task.Run(LegalFormTable.Load);
        var subtype = EmbeddedDataFile.ReadTsv("lists/subtype-keywords.tsv").Where(f => f.Length >= 2).ToList();
        bool IsScriptWithoutSpaces(string s) => s.Any(c => Text.ScriptClass.IsCjk(c));

        return new NormalizationLexicon
        {
            Titles = Set("lists/titles.txt"),
            Suffixes = Set("lists/suffixes.txt"),
            Particles = Words("lists/particles.txt"),
            Articles = Words("lists/articles.txt"),
            ArticleExceptions = Set("lists/article-exceptions.txt"),
            GenericAbbreviations = Map("lists/generic-abbreviations.tsv"),
            SpellingVariants = Map("lists/spelling-variants.tsv"),
            NonDistinctiveWords = Set("lists/non-distinctive-words.txt"),
            SubtypeKeywords = PhraseSet<string>.FromLines(subtype.Where(f => !IsScriptWithoutSpaces(f[0])).Select(f => (f[0].Trim(), f[1].Trim()))),
            ScriptSubtypeKeywords = subtype.Where(f => IsScriptWithoutSpaces(f[0])).Select(f => (f[0].Trim(), f[1].Trim()))
                .OrderByDescending(k => Evidence.SubtypeEvidence.Rank(k.Item2)).ToArray(),
            FragmentMarkers = PhraseSet<string>.FromLines(EmbeddedDataFile.ReadTsv("lists/fragment-markers.tsv").Where(f => f.Length >= 2).Select(f => (f[0].Trim(), f[1].Trim()))),
            GovernanceWrappers = Set("lists/governance-wrappers.txt"),
            DepartmentWords = Set("lists/department-words.txt"),
            AddressWords = Set("lists/address-words.txt"),
            GivenNames = Words("lists/given-names.txt"),
            EscapeMarks = EmbeddedDataFile.ReadTsv("lists/escape-marks.tsv").Where(f => f.Length >= 2)
                .GroupBy(f => f[0].Trim().ToUpperInvariant()).ToFrozenDictionary(g => g.Key, g => (char)Convert.ToInt32(g.First()[1].Trim(), 16)),
            Connectors = Words("lists/connectors.txt"),
            Concepts = ConceptTable.Load("lists/organisation-concepts.tsv"),
            PlaceExonyms = Map("lists/place-exonyms.tsv"),
            StopWords = Words("lists/stop-words.txt"),
            Places = Gazetteer.Load("lists/gazetteer.tsv"),
            Hanja = Transliteration.HanjaReadings.Load("lists/hanja-readings.tsv"),
            LegalForms = legalForms.GetAwaiter().GetResult(), // last: the lists above are built while it loads
        };
    }
}
