using Names.Normalization;
using Names.Resolver.Comparison;
using Names.Resolver.Scoring;

namespace Names.Resolver.Evaluation;

/// <summary>
/// Scores labelled name pairs with a pair scorer, the way nomenklatura's namebench does: both names are normalised with
/// the row's schema as kind hint (Person -> person, every other schema -> legal_entity), compared, and called a match
/// when the probability reaches the threshold. Token weights come from all names of the benchmark (no labels used).
/// A name the normaliser rejects cannot be matched (counts as predicted non-match).
/// </summary>
public sealed class PairBenchmark(NameNormalizer? normalizer = null)
{
    private readonly NameNormalizer _normalizer = normalizer ?? NameNormalizer.CreateDefault();

    public static string KindHint(string schema) => schema == "Person" ? "person" : "legal_entity";

    /// <summary>Match probability of every case (0 when either name is unusable), in input order.</summary>
    public IReadOnlyList<double> Probabilities(IReadOnlyList<PairCase> cases, IPairScorer scorer)
    {
        var records = cases.Select(c => (A: Record(c.Name1, c.Schema), B: Record(c.Name2, c.Schema))).ToList();
        var statistics = new TokenStatistics();
        foreach (var (a, b) in records)
        {
            if (a is not null) statistics.Add(a.Tokens);
            if (b is not null) statistics.Add(b.Tokens);
        }
        return records.Select(p => p.A is null || p.B is null ? 0.0 : scorer.Probability(scorer.Comparisons.Compare(p.A, p.B, statistics))).ToList();
    }

    /// <summary>P/R/F1 overall and per schema at each threshold (the pairs are compared once).</summary>
    public IReadOnlyList<PairBenchmarkResult> Evaluate(IReadOnlyList<PairCase> cases, IPairScorer scorer, params double[] thresholds) =>
        Evaluate(cases, Probabilities(cases, scorer), thresholds);

    /// <summary>P/R/F1 overall and per schema at each threshold, for probabilities computed elsewhere (e.g. by cross-validation).</summary>
    public static IReadOnlyList<PairBenchmarkResult> Evaluate(IReadOnlyList<PairCase> cases, IReadOnlyList<double> probabilities, params double[] thresholds)
    {
        var results = new List<PairBenchmarkResult>(thresholds.Length);
        foreach (var threshold in thresholds)
        {
            var overall = new PairCounts(0, 0, 0, 0);
            var bySchema = new SortedDictionary<string, PairCounts>(StringComparer.Ordinal);
            for (int i = 0; i < cases.Count; i++)
            {
                bool predicted = probabilities[i] >= threshold;
                overall = overall.Add(predicted, cases[i].IsMatch);
                bySchema[cases[i].Schema] = bySchema.GetValueOrDefault(cases[i].Schema, new PairCounts(0, 0, 0, 0)).Add(predicted, cases[i].IsMatch);
            }
            results.Add(new PairBenchmarkResult(threshold, overall, bySchema));
        }
        return results;
    }

    private NameRecord? Record(string name, string schema)
    {
        var party = _normalizer.Normalize(new NameInput(name, KindHint: KindHint(schema))).FirstOrDefault();
        return party is null || party.Problem.Length > 0 || party.CompactKey.Length == 0 ? null : NameRecord.FromParty(party);
    }
}
