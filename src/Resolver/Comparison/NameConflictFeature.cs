using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// The name conflict rules as a feature, for models that learn their weight from labels: persons whose names conflict
/// (<see cref="PersonNameConflict"/>: TUSK DANIEL / TUSK DONALD), organisation names with words differing both ways or
/// one the other plus words (<see cref="WordSetRelation"/>), or no conflict.
/// </summary>
public sealed class NameConflictFeature : IComparisonFeature
{
    public string Name => "name_conflict";
    public IReadOnlyList<string> Levels { get; } = ["names conflict", "one name is the other plus words", "no conflict"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.Kind == EntityKind.Person || b.Kind == EntityKind.Person)
            return a.Kind == b.Kind ? (PersonNameConflict.Between(a, b) ? 0 : 2) : IComparisonFeature.NotComparable;
        return WordSetRelation.Classify(a, b, statistics) switch
        {
            WordSetRelationKind.Conflict => 0,
            WordSetRelationKind.Subset => 1,
            WordSetRelationKind.Same => 2,
            _ => IComparisonFeature.NotComparable,
        };
    }
}
