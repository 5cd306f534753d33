using Names.Normalization;
using Names.Resolver.Comparison;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Tests.Fixtures;

namespace Names.Resolver.Tests;

public sealed class NameSupportRuleTests : IDisposable
{
    private static readonly NameNormalizer Normalizer = NameNormalizer.CreateDefault();
    private static readonly TokenStatistics Stats = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("names-support-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static NameRecord Org(string name, string country = "NL", Dictionary<string, string>? context = null) =>
        NameRecord.FromParty(Normalizer.Normalize(new NameInput(name, country, "legal_entity"))[0], context);

    private static int Level(string a, string b) => new SharedWordFeature().Compare(Org(a), Org(b), Stats);

    [Fact]
    public void Names_share_a_distinctive_word_only_past_legal_forms_generic_and_descriptive_words_and_countries()
    {
        Assert.Equal(0, Level("DU PONT DE NEMOURS BV", "THALES NEDERLAND B.V."));
        Assert.Equal(0, Level("ADIDAS INTERNATIONAL MARKETING B.V", "GENENCOR INTERNATIONAL B.V.")); // INTERNATIONAL names neither
        Assert.Equal(0, Level("HUNTER DOUGLAS INDUSTRIES B V", "PPG INDUSTRIES")); // a concept word
        Assert.Equal(2, Level("KONINKLIJKE PHILIPS ELECTRONICS N.V.", "U. S. PHILIPS CORPORATION"));
        Assert.Equal(2, Level("INTERNATIONAL BUSINESS MACHIENS CORP.", "INTERNATIONAL BUSINESS MACHINES")); // a typo pairs
        Assert.Equal(2, Level("N V PHILIPS' GLOEILAMPENFABRIEKEN", "NVPHILIPS")); // glued
        Assert.Equal(2, Level("D SM N. V.", "DSM N.V.")); // spaced letters
        Assert.Equal(1, Level("IBM", "INTERNATIONAL BUSINESS MACHINES"));
        var person = NameRecord.FromParty(Normalizer.Normalize(new NameInput("de Vries, Jan", "NL", "person"))[0]);
        Assert.Equal(IComparisonFeature.NotComparable, new SharedWordFeature().Compare(person, person, Stats));
    }

    [Fact]
    public async Task A_pair_sharing_no_distinctive_word_is_neither_linked_nor_proposed_without_context()
    {
        await using var store = await SqliteRegistryStore.OpenAsync(Path.Combine(_dir, "s.db"));
        var scorer = new TableScorer([("DU PONT DE NEMOURS", "THALES NEDERLAND", 0.7), ("KONINKLIJKE PHILIPS ELECTRONICS", "PHILIPS ELECTRONICS", 0.7), ("ACME WIDGETS", "ZENITH GEARS", 0.99)]);
        var engine = await ResolutionEngine.OpenAsync(store, null, scorer);
        var r = await engine.ResolveAllAsync([
            new ResolveInput("Du Pont de Nemours BV", Country: "NL", Kind: "legal_entity"), new ResolveInput("Thales Nederland B.V.", Country: "NL", Kind: "legal_entity"),
            new ResolveInput("Koninklijke Philips Electronics N.V.", Country: "NL", Kind: "legal_entity"), new ResolveInput("Philips Electronics", Country: "NL", Kind: "legal_entity"),
            new ResolveInput("Acme Widgets", Country: "NL", Kind: "legal_entity"), new ResolveInput("Zenith Gears", Country: "NL", Kind: "legal_entity"),
        ]);
        Assert.Equal(ResolutionKind.New, r[1].Resolution);
        Assert.Equal(ResolutionKind.Review, r[3].Resolution);
        Assert.NotEqual(r[4].GlobalId, r[5].GlobalId); // not even a sure model links them
        Assert.Equal(ResolutionKind.New, r[5].Resolution);
        Assert.Single(await store.GetProposalsAsync(ProposalStatus.Pending));
    }

    [Fact]
    public void An_acronym_alone_is_review_at_most_but_links_within_one_country()
    {
        var matcher = new EntityMatcher(new TableScorer([(Org("IBM").NameKey, Org("International Business Machines").NameKey, 0.99)]), new ResolutionOptions());
        Assert.Equal(SharedWordFeature.AcronymOnly, Level("IBM", "INTERNATIONAL BUSINESS MACHINES"));

        var abroad = matcher.ScorePair(Org("IBM", ""), Org("International Business Machines", "US"), Stats);
        Assert.Equal(new ResolutionOptions().SubsetNameCap, abroad.Probability); // a sure model, but only an acronym: review at most
        Assert.Contains("one is an acronym of the other, without the same country or context: review at most", abroad.Explain());

        var home = matcher.ScorePair(Org("IBM", "US"), Org("International Business Machines", "US"), Stats);
        Assert.Equal(0.99, home.Probability);
        Assert.Contains("one is an acronym of the other, supported by the same country US", home.Explain());
    }

    [Fact]
    public void Strong_context_supports_names_sharing_no_word_and_the_explanation_shows_it_while_one_shared_column_does_not()
    {
        // Co-applicants and classes each 2.5 bits when shared (m 0.6 / u 0.1 ~ log2 6), the names nothing either way.
        var features = new ComparisonSet([new SharedWordFeature(), new ContextOverlapFeature("Coauthor"), new ContextOverlapFeature("Class")]);
        double[] shared = [0.2, 0.2, 0.6], notShared = [0.8, 0.1, 0.1];
        var model = new FellegiSunterModel(features, 0.5, [[1.0 / 3, 1.0 / 3, 1.0 / 3], shared, shared], [[1.0 / 3, 1.0 / 3, 1.0 / 3], notShared, notShared]);
        var matcher = new EntityMatcher(model, new ResolutionOptions());
        var both = new Dictionary<string, string> { ["Coauthor"] = "JAN DE VRIES", ["Class"] = "A61B" };
        var classOnly = new Dictionary<string, string> { ["Coauthor"] = "PIET JANSEN", ["Class"] = "A61B" };

        var supported = matcher.ScorePair(Org("AMP-HOLLAND B.V.", context: both), Org("THALES NEDERLAND B.V.", context: both), Stats);
        Assert.True(supported.Probability >= 0.9);
        Assert.Contains("shared_words no distinctive word in common, supported by context worth 5.2 bits", supported.Explain());

        var weak = matcher.ScorePair(Org("AMP-HOLLAND B.V.", context: both), Org("THALES NEDERLAND B.V.", context: classOnly), Stats);
        Assert.True(weak.Probability < 0.5);

        var named = matcher.ScorePair(Org("PHILIPS", context: both), Org("KONINKLIJKE PHILIPS", context: classOnly), Stats);
        Assert.DoesNotContain("supported by context", named.Explain());
    }
}
