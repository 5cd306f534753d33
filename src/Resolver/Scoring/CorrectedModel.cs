using System.Text.Json;
using Names.Resolver.Comparison;

namespace Names.Resolver.Scoring;

/// <summary>
/// Supervised model that starts from an unsupervised one: the base model's log-odds plus learnt corrections (an
/// intercept and one term per feature level, natural log-odds). With all corrections zero it scores exactly as the
/// base. Written by earlier versions' <c>names train</c> on reviewers' decisions; read so that their registries still
/// open and resolve as before (<see cref="BoostedTreeModel"/> is the supervised model trained now).
/// </summary>
public sealed class CorrectedModel : IPairScorer
{
    public const string KindName = "corrected";

    public CorrectedModel(IPairScorer baseModel, double intercept, double[][] corrections)
    {
        // Corrections always apply to the unsupervised model, never to an earlier correction.
        if (baseModel is CorrectedModel) throw new ArgumentException("the base of a corrected model must be an unsupervised model", nameof(baseModel));
        Base = baseModel;
        Intercept = intercept;
        Corrections = corrections;
        // Contributions are shown in the base model's units (log2 for Fellegi-Sunter).
        _unitsPerNat = baseModel is FellegiSunterModel ? 1 / Math.Log(2) : 1;
    }

    private readonly double _unitsPerNat;

    public string Kind => KindName;
    public ComparisonSet Comparisons => Base.Comparisons;
    public IPairScorer Base { get; }
    /// <summary>Correction to the base log-odds for every pair.</summary>
    public double Intercept { get; }
    /// <summary>Correction per feature and level (0 when the feature is not comparable).</summary>
    public double[][] Corrections { get; }

    public PairScore Score(IReadOnlyList<int> levels)
    {
        var b = Base.Score(levels);
        var contributions = b.Contributions
            .Select((c, f) => c.Level >= 0 ? c with { Weight = c.Weight + Corrections[f][c.Level] * _unitsPerNat } : c)
            .ToArray();
        return new PairScore(Probability(levels), b.PriorWeight + Intercept * _unitsPerNat, contributions);
    }

    public double Probability(IReadOnlyList<int> levels)
    {
        double total = BoostedTreeModel.LogOdds(Base.Probability(levels)) + Intercept;
        for (int f = 0; f < levels.Count; f++)
            if (levels[f] >= 0) total += Corrections[f][levels[f]];
        return 1 / (1 + Math.Exp(-total));
    }

    public string Serialize() => JsonSerializer.Serialize(new Parameters(KindName, Base.Serialize(), Intercept, Corrections));

    internal static CorrectedModel Deserialize(string json)
    {
        var p = JsonSerializer.Deserialize<Parameters>(json) ?? throw new FormatException("empty model");
        return new CorrectedModel(PairScorerSerializer.Deserialize(p.Base), p.Intercept, p.Corrections);
    }

    internal sealed record Parameters(string Kind, string Base, double Intercept, double[][] Corrections);
}
