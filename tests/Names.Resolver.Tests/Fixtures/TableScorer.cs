using Names.Resolver.Comparison;
using Names.Resolver.Scoring;

namespace Names.Resolver.Tests.Fixtures;

/// <summary>
/// A scorer whose match probabilities are given per name pair, to test clustering decisions independently of any
/// model. Pairs not in the table score 0.01.
/// </summary>
public sealed class TableScorer : IPairScorer
{
    private static readonly double[] Probabilities = [0.01, 0.7, 0.99];

    public TableScorer(IEnumerable<(string A, string B, double P)> table)
    {
        Comparisons = new ComparisonSet([new PairTableFeature(table.ToDictionary(t => Key(t.A, t.B), t => Array.IndexOf(Probabilities, t.P)))]);
    }

    public string Kind => "table";
    public ComparisonSet Comparisons { get; }

    public PairScore Score(IReadOnlyList<int> levels) =>
        new(Probabilities[Math.Max(0, levels[0])], 0, [new FeatureContribution("table", levels[0], "table", 0)]);

    public double Probability(IReadOnlyList<int> levels) => Probabilities[Math.Max(0, levels[0])];

    public string Serialize() => "{}";

    private static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    private sealed class PairTableFeature(Dictionary<(string, string), int> table) : IComparisonFeature
    {
        public string Name => "table";
        public IReadOnlyList<string> Levels { get; } = ["0.01", "0.7", "0.99"];
        public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics) => table.GetValueOrDefault(Key(a.NameKey, b.NameKey), 0);
    }
}
