namespace Names.Resolver.Comparison;

/// <summary>
/// One comparison, Splink style: maps a pair of names to a discrete level (0 = weakest agreement ... Levels.Count-1 =
/// strongest) or <see cref="NotComparable"/> when the data needed is missing. Models and explanations read these levels.
/// </summary>
public interface IComparisonFeature
{
    public const int NotComparable = -1;

    /// <summary>Stable name used in stored models and explanations.</summary>
    string Name { get; }

    /// <summary>Human-readable label of each level, index = level.</summary>
    IReadOnlyList<string> Levels { get; }

    int Compare(NameRecord a, NameRecord b, TokenStatistics statistics);
}
