namespace Names.Resolver.Evaluation;

/// <summary>Confusion counts of pair decisions, with precision, recall and F1 (0 when undefined).</summary>
public sealed record PairCounts(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public int Pairs => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : TruePositives / (double)(TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : TruePositives / (double)(TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    internal PairCounts Add(bool predicted, bool actual) => (predicted, actual) switch
    {
        (true, true) => this with { TruePositives = TruePositives + 1 },
        (true, false) => this with { FalsePositives = FalsePositives + 1 },
        (false, true) => this with { FalseNegatives = FalseNegatives + 1 },
        _ => this with { TrueNegatives = TrueNegatives + 1 },
    };
}
