using Names.Normalization;

namespace Names.Normalization.Tests;

public class PlaceholderTests
{
    [Fact]
    public void Empty_input_gives_unknown_with_a_problem_not_an_exception()
    {
        var party = Assert.Single(NameNormalizer.CreateDefault().Normalize(new NameInput("   ")));
        Assert.Equal(EntityKind.Unknown, party.Kind);
        Assert.NotEmpty(party.Problem);
    }
}
