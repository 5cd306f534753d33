using Names.Resolver.Scoring;

namespace Names.Resolver.Evaluation;

/// <summary>
/// One labelled pair as the scorer saw it: the cleaned name keys and the score with its contributions (null when the
/// normaliser rejected either name: such a pair cannot be matched).
/// </summary>
public sealed record PairCaseScore(PairCase Case, string Key1, string Key2, PairScore? Score)
{
    public double Probability => Score?.Probability ?? 0;
}
