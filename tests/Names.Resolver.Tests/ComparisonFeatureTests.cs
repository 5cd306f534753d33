using Names.Normalization;
using Names.Resolver.Comparison;

namespace Names.Resolver.Tests;

public class ComparisonFeatureTests
{
    private static readonly TokenStatistics Stats = CorpusStatistics();

    private static TokenStatistics CorpusStatistics()
    {
        var s = new TokenStatistics();
        foreach (var name in new[] { "PHILIPS BV", "SHELL BV", "AKZO NOBEL BV", "DSM BV", "UNILEVER BV", "ACME BV", "PHILIPS ELECTRONICS", "SIEMENS AG" })
            s.Add(name.Split(' '));
        return s;
    }

    private static NameRecord Org(string key, string country = "", string legalForm = "", string alt = "") =>
        new(EntityKind.LegalEntity, key, key.Replace(" ", ""), alt, country, legalForm);

    private static NameRecord Person(string key, string family = "", string given = "") =>
        new(EntityKind.Person, key, key.Replace(" ", ""), "", "", familyName: family, givenNames: given);

    [Fact]
    public void Exact_key_levels()
    {
        var f = new ExactKeyFeature();
        Assert.Equal(2, f.Compare(Org("D S M"), Org("DSM"), Stats));
        Assert.Equal(1, f.Compare(Org("MUELLER", alt: "MULLER"), Org("MULLER"), Stats));
        Assert.Equal(0, f.Compare(Org("SHELL"), Org("SHEEL"), Stats));
        Assert.Equal(IComparisonFeature.NotComparable, f.Compare(Org(""), Org("SHELL"), Stats));
        // Words glued in the order written, while the person's key puts the family name first.
        Assert.Equal(1, f.Compare(Person("SERGEILAVROV"), Person("LAVROV SERGEI", "lavrov", "sergei"), Stats));
        Assert.Equal(0, f.Compare(Person("SERGEILAVROVA"), Person("LAVROV SERGEI", "lavrov", "sergei"), Stats));
    }

    [Fact]
    public void Name_conflict_feature_reads_the_conflict_rules()
    {
        var f = new NameConflictFeature();
        Assert.Equal(0, f.Compare(Person("TUSK DANIEL"), Person("TUSK DONALD"), Stats));
        Assert.Equal(2, f.Compare(Person("SMITH WILLIAM"), Person("SMITH BILL"), Stats));
        Assert.Equal(0, f.Compare(Org("SILVER LAKE APEX"), Org("SILVER LAKE SEMICONDUCTOR"), Stats));
        Assert.Equal(1, f.Compare(Org("SILVER LAKE"), Org("SILVER LAKE INTERNATIONAL"), Stats));
        Assert.Equal(IComparisonFeature.NotComparable, f.Compare(Person("SMITH JOHN"), Org("SMITH JOHN"), Stats));
    }

    [Fact]
    public void Fuzzy_ratios_rank_reordered_words_above_unrelated_names()
    {
        var set = FuzzyRatioFeature.TokenSet();
        Assert.Equal(3, set.Compare(Org("PHILIPS ELECTRONICS"), Org("ELECTRONICS PHILIPS"), Stats));
        Assert.Equal(0, set.Compare(Org("PHILIPS ELECTRONICS"), Org("SHELL OIL"), Stats));
        var partial = FuzzyRatioFeature.Partial();
        Assert.Equal(2, partial.Compare(Org("AKZO"), Org("AKZO NOBEL"), Stats));
    }

    [Fact]
    public void Jaro_winkler_known_values_and_levels()
    {
        Assert.Equal(0.961, JaroWinkler.Similarity("MARTHA", "MARHTA"), 3);
        Assert.Equal(0.840, JaroWinkler.Similarity("DWAYNE", "DUANE"), 3);
        Assert.Equal(1.0, JaroWinkler.Similarity("SHELL", "SHELL"));
        var f = new JaroWinklerFeature();
        Assert.Equal(0.907, JaroWinkler.Similarity("SHELL", "SHEEL"), 3);
        Assert.Equal(1, f.Compare(Org("SHELL"), Org("SHEEL"), Stats));
        Assert.Equal(3, f.Compare(Org("KONINKLIJKE PHILIPS"), Org("KONINKLIJKE PHILLIPS"), Stats));
        Assert.Equal(0, f.Compare(Org("SHELL"), Org("UNILEVER"), Stats));
    }

    [Fact]
    public void Rare_token_overlap_weights_common_words_less()
    {
        var f = new RareTokenOverlapFeature();
        // Sharing only the common BV is weak; sharing the rare PHILIPS (shorter name contained) is strong.
        Assert.Equal(0, f.Compare(Org("ACME BV"), Org("SHELL BV"), Stats));
        Assert.Equal(2, f.Compare(Org("PHILIPS"), Org("PHILIPS LIGHTING EINDHOVEN"), Stats));
        Assert.InRange(f.Compare(Org("AKZO NOBEL BV"), Org("AKZO NOBEL"), Stats), 3, 4);
    }

    [Fact]
    public void Acronym_relation_is_recognised()
    {
        var f = new AcronymFeature();
        Assert.Equal(1, f.Compare(Org("IBM"), Org("INTERNATIONAL BUSINESS MACHINES"), Stats));
        Assert.Equal(1, f.Compare(Org("INTERNATIONAL BUSINESS MACHINES CORP"), Org("IBM"), Stats));
        Assert.Equal(0, f.Compare(Org("DSM"), Org("INTERNATIONAL BUSINESS MACHINES"), Stats));
        Assert.Equal(IComparisonFeature.NotComparable, f.Compare(Org("SHELL OIL"), Org("ROYAL DUTCH SHELL"), Stats));
    }

    [Fact]
    public void Legal_form_and_country_are_compared_only_when_both_known()
    {
        Assert.Equal(1, new LegalFormFeature().Compare(Org("ACME", legalForm: "BV"), Org("ACME", legalForm: "BV"), Stats));
        Assert.Equal(0, new LegalFormFeature().Compare(Org("ACME", legalForm: "BV"), Org("ACME", legalForm: "INC"), Stats));
        Assert.Equal(IComparisonFeature.NotComparable, new LegalFormFeature().Compare(Org("ACME"), Org("ACME", legalForm: "INC"), Stats));
        Assert.Equal(0, new CountryFeature().Compare(Org("ACME", "NL"), Org("ACME", "US"), Stats));
        Assert.Equal(1, new CountryFeature().Compare(Org("ACME", "NL"), Org("ACME", "NL"), Stats));
        Assert.Equal(IComparisonFeature.NotComparable, new CountryFeature().Compare(Org("ACME"), Org("ACME", "US"), Stats));
    }

    [Fact]
    public void Numbers_in_names_must_agree()
    {
        var f = new NumbersFeature();
        Assert.Equal(0, f.Compare(Org("PLANT 12"), Org("PLANT 13"), Stats));
        Assert.Equal(2, f.Compare(Org("3M COMPANY"), Org("3M"), Stats));
        Assert.Equal(1, f.Compare(Org("PLANT 12"), Org("PLANT"), Stats));
        Assert.Equal(IComparisonFeature.NotComparable, f.Compare(Org("PLANT"), Org("PLANT"), Stats));
    }

    [Fact]
    public void Person_names_compare_family_given_and_initials()
    {
        var f = new PersonNameFeature();
        Assert.Equal(5, f.Compare(Person("SMITH JOHN"), Person("SMITH JOHN"), Stats));
        Assert.Equal(4, f.Compare(Person("SMITH J"), Person("SMITH JOHN PAUL"), Stats));
        Assert.Equal(2, f.Compare(Person("SMITH JOHN"), Person("SMITH MARY"), Stats));
        Assert.Equal(3, f.Compare(Person("SMYTH JOHN"), Person("SMITH JOHN"), Stats));
        Assert.Equal(0, f.Compare(Person("JONES JOHN"), Person("SMITH JOHN"), Stats));
        Assert.Equal(4, f.Compare(Person("x", family: "van Dijk", given: "J."), Person("y", family: "VAN DIJK", given: "Jan Peter"), Stats));
        Assert.Equal(IComparisonFeature.NotComparable, f.Compare(Person("SMITH JOHN"), Org("SMITH JOHN"), Stats));
    }

    [Fact]
    public void Context_overlap_uses_shared_items()
    {
        var a = Org("ACME");
        a.AddContext(new Dictionary<string, string> { ["class"] = "A61N**A61B" });
        var b = Org("ACME");
        b.AddContext(new Dictionary<string, string> { ["class"] = "a61b**G06F**H01L" });
        var c = Org("ACME");
        c.AddContext(new Dictionary<string, string> { ["class"] = "C07D" });
        var f = new ContextOverlapFeature("class");
        Assert.Equal(2, f.Compare(a, b, Stats));
        Assert.Equal(0, f.Compare(a, c, Stats));
        Assert.Equal(IComparisonFeature.NotComparable, f.Compare(a, Org("ACME"), Stats));
    }

    [Fact]
    public void Coordinates_are_compared_by_distance_and_zeros_are_missing()
    {
        NameRecord At(string lat, string lng)
        {
            var r = Org("ACME");
            r.AddContext(new Dictionary<string, string> { ["lat"] = lat, ["lng"] = lng });
            return r;
        }
        var f = new CoordinateDistanceFeature("lat", "lng");
        Assert.Equal(343.5, CoordinateDistanceFeature.HaversineKm(51.5074, -0.1278, 48.8566, 2.3522), 0); // London - Paris
        Assert.Equal(3, f.Compare(At("52.35", "4.9166667"), At("52.351", "4.917"), Stats));
        Assert.Equal(1, f.Compare(At("52.37", "4.89"), At("51.92", "4.48"), Stats)); // Amsterdam - Rotterdam ~57 km
        Assert.Equal(0, f.Compare(At("52.37", "4.89"), At("40.71", "-74.0"), Stats));
        Assert.Equal(IComparisonFeature.NotComparable, f.Compare(At("0.0", "0.0"), At("52.37", "4.89"), Stats));
        Assert.Equal(f.Name, ComparisonSet.FromNames([f.Name]).Features[0].Name);
    }

    [Fact]
    public void Name_similarity_ladder_orders_levels()
    {
        var f = new NameSimilarityFeature();
        Assert.Equal(6, f.Compare(Org("D S M"), Org("DSM"), Stats));
        Assert.Equal(4, f.Compare(Org("KONINKLIJKE PHILIPS ELECTRONICS"), Org("KONINKLIJKE PHILIPS ELECTRONCIS"), Stats));
        Assert.Equal(3, f.Compare(Org("PHILIPS ELECTRONICS"), Org("ELECTRONICS PHILIPS"), Stats));
        Assert.Equal(0, f.Compare(Org("SHELL"), Org("UNILEVER"), Stats));
    }

    [Fact]
    public void Distinctive_token_feature_sees_conflicting_rare_words()
    {
        var f = new DistinctiveTokenFeature();
        Assert.Equal(0, f.Compare(Org("UNIVERSITY OF MICHIGAN"), Org("UNIVERSITY OF MANCHESTER"), Stats));
        Assert.Equal(2, f.Compare(Org("AKZO NOBEL BV"), Org("AKZO NOBEL"), Stats));
        Assert.Equal(2, f.Compare(Org("PHILLIPS ELECTRONICS"), Org("PHILIPS ELECTRONICS"), Stats)); // typo tolerated
        Assert.Equal(IComparisonFeature.NotComparable, f.Compare(Org("SHELL"), Org("SHEEL"), Stats));
    }

    [Fact]
    public void Name_similarity_judges_the_words_that_differ()
    {
        var f = new NameSimilarityFeature();
        Assert.Equal(0, f.Compare(Org("UNIVERSITY OF MICHIGAN"), Org("UNIVERSITY OF MANCHESTER"), Stats));
        Assert.True(f.Compare(Org("SHELL INTERNATIONAL RESEARCH"), Org("SHEEL INTERNATIONAL RESEARCH"), Stats) >= 1);
    }

    [Fact]
    public void Extras_round_trip_through_serialization()
    {
        var r = new NameRecord(EntityKind.Person, "SMITH JOHN", "SMITHJOHN", "", "GB", "", "Smith", "John");
        r.AddContext(new Dictionary<string, string> { ["coauthor"] = "A B**C D" });
        var back = NameRecord.Deserialize(EntityKind.Person, "SMITH JOHN", "SMITHJOHN", "", "GB", r.SerializeExtras());
        Assert.Equal("Smith", back.FamilyName);
        Assert.Equal("John", back.GivenNames);
        Assert.Equal(new[] { "A B", "C D" }, back.Context["coauthor"].Order());
    }
}

public sealed class DateContextFeatureTests
{
    private static NameRecord Person(string dob) => new(Names.Normalization.EntityKind.Person, "SMITH JOHN", "SMITHJOHN", "SMITHJOHN", "",
        context: new Dictionary<string, HashSet<string>> { ["dob"] = [dob] });

    [Theory]
    [InlineData("1856-06-18", "1856-06-18", 5)]
    [InlineData("1856-06-18", "1856-06-01", 4)]
    [InlineData("1856-06-18", "1856-86-18", 3)]
    [InlineData("1856-06-18", "1856-60-18", 3)]
    [InlineData("1856-06-18", "1856-01-01", 2)]
    [InlineData("1856-06-18", "1849-01-01", 1)]
    [InlineData("1856-06-18", "1630-06-18", 0)]
    [InlineData("18560618", "18560601", 4)]
    public void Dates_are_graded_from_equal_to_far_apart(string a, string b, int level) =>
        Assert.Equal(level, new DateContextFeature("dob").Compare(Person(a), Person(b), new TokenStatistics()));

    [Fact]
    public void Missing_date_is_not_comparable() =>
        Assert.Equal(IComparisonFeature.NotComparable, new DateContextFeature("dob").Compare(Person("1856-06-18"),
            new NameRecord(Names.Normalization.EntityKind.Person, "SMITH JOHN", "SMITHJOHN", "SMITHJOHN", ""), new TokenStatistics()));

    [Fact]
    public void Date_columns_are_recognised_by_their_values()
    {
        Assert.True(DateContextFeature.LooksLikeDates(["1856-06-18", "1630-08-01", "", "1901"]));
        Assert.False(DateContextFeature.LooksLikeDates(["london", "devon", "1856-06-18"]));
    }

    [Fact]
    public void Given_name_typos_and_short_forms_are_compatible_but_other_names_conflict()
    {
        Assert.True(PersonNameFeature.GivenCompatible(["THOMZS"], ["THOMAS"]));
        Assert.True(PersonNameFeature.GivenCompatible(["WILL"], ["WILLIAM"]));
        Assert.False(PersonNameFeature.GivenCompatible(["MARY"], ["JOHN"]));
    }
}
