using Names.Normalization;
using Names.Resolver.Comparison;

namespace Names.Resolver.Tests;

/// <summary>The comparison levels built on the normaliser's concept key, folded key and acronyms (issue 13).</summary>
public class ScriptsAndLanguagesComparisonTests
{
    private static readonly NameNormalizer Normalizer = NameNormalizer.CreateDefault();
    private static readonly TokenStatistics Stats = new();

    private static NameRecord Org(string raw, string country = "") =>
        NameRecord.FromParty(Normalizer.Normalize(new NameInput(raw, country, "legal_entity")).Single());

    [Fact]
    public void Concept_keys_agree_across_languages_scripts_and_word_order()
    {
        var f = new ConceptKeyFeature();
        Assert.Equal(4, f.Compare(Org("Universidade dos Açores"), Org("University of the Azores"), Stats));
        Assert.Equal(4, f.Compare(Org("华为技术有限公司", "CN"), Org("Huawei Technologies Co., Ltd.", "CN"), Stats));
        Assert.Equal(4, f.Compare(Org("Tokyo University"), Org("University of Tokyo"), Stats));
        Assert.Equal(3, f.Compare(Org("Huawei"), Org("Huawei Technologies"), Stats));
        Assert.Equal(2, f.Compare(Org("University of Tokyo"), Org("Tokyo Institute of Technology"), Stats));
        Assert.Equal(0, f.Compare(Org("University of Michigan"), Org("University of Manchester"), Stats));
        Assert.Equal(IComparisonFeature.NotComparable, f.Compare(Org("National University"), Org("University of Michigan"), Stats));
        Assert.Equal(5, f.Levels.Count);
    }

    [Fact]
    public void Romanisation_variants_compare_as_near_equal()
    {
        var f = new RomanisationVariantFeature();
        Assert.Equal(2, f.Compare(Org("ООО «Яндекс»", "RU"), Org("Yandex LLC", "RU"), Stats));
        Assert.Equal(2, f.Compare(Org("Samseong Electronics"), Org("Samsung Electronics"), Stats));
        Assert.Equal(2, f.Compare(Org("Shinagawa Kogyo"), Org("Sinagawa Kogyo"), Stats)); // Hepburn / Kunrei
        Assert.Equal(2, f.Compare(Org("Toukai Rika"), Org("Tokai Rika"), Stats)); // long vowel written out
        Assert.Equal(1, f.Compare(Org("Yandeks Taxi"), Org("Yandex Market"), Stats));
        Assert.Equal(0, f.Compare(Org("Yandeks"), Org("Siemens"), Stats));
        Assert.Equal(IComparisonFeature.NotComparable, f.Compare(Org("Siemens"), Org("Siemens"), Stats));
    }

    [Fact]
    public void An_acronym_compares_with_the_initials_of_an_expansion_within_one_country_only()
    {
        var f = new AcronymAliasFeature();
        Assert.Equal(2, f.Compare(Org("UAc", "PT"), Org("Universidade dos Açores (UAc)", "PT"), Stats));
        Assert.Equal(1, f.Compare(Org("CNRS", "FR"), Org("Centre National de la Recherche Scientifique", "FR"), Stats));
        Assert.Equal(1, f.Compare(Org("UAc", "PT"), Org("Universidade dos Açores", "PT"), Stats)); // UA + one letter
        Assert.Equal(0, f.Compare(Org("CNRS", "FR"), Org("Institut Pasteur", "FR"), Stats));
        Assert.Equal(IComparisonFeature.NotComparable, f.Compare(Org("CNRS", "FR"), Org("Centre National de la Recherche Scientifique", "CA"), Stats));
        Assert.Equal(IComparisonFeature.NotComparable, f.Compare(Org("CNRS"), Org("Centre National de la Recherche Scientifique"), Stats));
    }

    [Fact]
    public void New_features_are_part_of_both_sets_and_rebuilt_from_their_names()
    {
        var names = new[] { "concept_key", "romanisation_variant", "acronym_alias" };
        Assert.All(names, n => Assert.Contains(n, ComparisonSet.CreateFull().Features.Select(x => x.Name)));
        // they repeat much of the name ladder's evidence: EM's independence assumption (the default set) would count it twice
        Assert.All(names, n => Assert.DoesNotContain(n, ComparisonSet.CreateDefault().Features.Select(x => x.Name)));
        Assert.Equal(names, ComparisonSet.FromNames(names).Features.Select(x => x.Name));
    }

    [Fact]
    public void Stored_variants_keep_their_forms()
    {
        var record = Org("Universidade dos Açores (UAc)", "PT");
        var stored = NameRecord.Deserialize(record.Kind, record.NameKey, record.CompactKey, record.AltKey, record.Country, record.SerializeExtras());
        Assert.Equal(record.Forms, stored.Forms);
        var old = NameRecord.Deserialize(EntityKind.LegalEntity, "ACME", "ACME", "", "", "{\"L\":\"\",\"F\":\"\",\"G\":\"\",\"R\":\"\",\"C\":null}");
        Assert.Equal("", old.Forms.ConceptKey);
    }
}
