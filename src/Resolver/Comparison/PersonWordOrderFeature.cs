using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// Persons: whether the words two names share stand in the same order in both name keys. Keys put the family name
/// first when the name says which it is (PUTIN, VLADIMIR and VLADIMIR PUTIN give one key), so words in another order
/// mean swapped parts: HANS FRIEDRICH / FRIEDRICH HANS, AHMAD BIN HASAN / HASAN BIN AHMAD (father and son).
/// Not comparable with fewer than two words paired one to one (<see cref="PartAlignment"/>).
/// </summary>
public sealed class PersonWordOrderFeature : IComparisonFeature
{
    public string Name => "person_word_order";
    public IReadOnlyList<string> Levels { get; } = ["shared words in another order", "shared words in the same order"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.Kind != EntityKind.Person || b.Kind != EntityKind.Person) return IComparisonFeature.NotComparable;
        if (PartAlignmentFeature.Align(a, b, persons: true) is not { Paired: >= 2 } alignment) return IComparisonFeature.NotComparable;
        return alignment.Reordered ? 0 : 1;
    }
}
