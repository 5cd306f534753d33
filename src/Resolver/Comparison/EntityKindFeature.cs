using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// Which kind of party both records are: organisations or persons. Not evidence by itself, but it gives a supervised
/// model its own baseline for each kind (two person names that look alike are different people more often than two
/// organisation names are different bodies). Not comparable for a person against an organisation.
/// </summary>
public sealed class EntityKindFeature : IComparisonFeature
{
    public string Name => "entity_kind";
    public IReadOnlyList<string> Levels { get; } = ["both organisations", "both persons"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        bool pa = a.Kind == EntityKind.Person, pb = b.Kind == EntityKind.Person;
        return pa != pb ? IComparisonFeature.NotComparable : pa ? 1 : 0;
    }
}
