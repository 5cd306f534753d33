using Names.Normalization;

namespace Names.Normalization.Tests;

/// <summary>One normaliser for all tests (loading the data files takes a moment).</summary>
public static class Shared
{
    public static readonly NameNormalizer Normalizer = NameNormalizer.CreateDefault();

    public static Party One(string name, string? country = null, string? kind = null)
    {
        var parties = Normalizer.Normalize(new NameInput(name, country, kind));
        return Assert.Single(parties);
    }

    public static IReadOnlyList<Party> All(string name, string? country = null) => Normalizer.Normalize(new NameInput(name, country));
}
