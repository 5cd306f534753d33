using Names.Normalization;
using Names.Resolver.Comparison;
using Names.Resolver.Scoring;

namespace Names.Resolver.Tests;

/// <summary>The one rule both resolvers use to pick a party's scorer.</summary>
public class ScorerByKindTests
{
    private static FellegiSunterModel Uniform(ComparisonSet set) => new(set, 0.1,
        set.Features.Select(f => Enumerable.Repeat(1.0 / f.Levels.Count, f.Levels.Count).ToArray()).ToArray(),
        set.Features.Select(f => Enumerable.Repeat(1.0 / f.Levels.Count, f.Levels.Count).ToArray()).ToArray());

    [Fact]
    public void A_person_model_scores_persons_and_leaves_organisations_to_the_built_in_model()
    {
        var person = Uniform(ComparisonSet.CreatePerson(null, null));
        var scorers = new ScorerByKind(person);
        Assert.Same(person, scorers.For(EntityKind.Person));
        Assert.Same(person, scorers.Model);
        var other = scorers.For(EntityKind.LegalEntity);
        Assert.NotSame(person, other);
        Assert.Contains(other.Comparisons.Features, f => f is NameSimilarityFeature);
        Assert.Same(other, scorers.For(EntityKind.Unknown));
    }

    [Fact]
    public void A_general_model_scores_every_kind()
    {
        var general = Uniform(ComparisonSet.CreateDefault());
        var scorers = new ScorerByKind(general);
        Assert.Same(general, scorers.For(EntityKind.Person));
        Assert.Same(general, scorers.For(EntityKind.LegalEntity));
    }
}
