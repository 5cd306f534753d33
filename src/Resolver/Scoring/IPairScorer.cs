using Names.Resolver.Comparison;

namespace Names.Resolver.Scoring;

/// <summary>A pair-scoring model over comparison levels. Thread-safe for scoring.</summary>
public interface IPairScorer
{
    /// <summary>fellegi_sunter or boosted_trees (logistic_regression, corrected: read from earlier versions); the kind under which the model is stored.</summary>
    string Kind { get; }

    ComparisonSet Comparisons { get; }

    /// <summary>Scores a pair given its levels (one per feature of <see cref="Comparisons"/>, -1 = not comparable).</summary>
    PairScore Score(IReadOnlyList<int> levels);

    /// <summary>Just the match probability of <see cref="Score"/>, without building the explanation (hot path).</summary>
    double Probability(IReadOnlyList<int> levels);

    /// <summary>JSON parameters, enough to rebuild the model with <see cref="PairScorerSerializer"/>.</summary>
    string Serialize();
}
