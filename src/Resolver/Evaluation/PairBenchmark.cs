using Names.Normalization;
using Names.Resolver.Comparison;
using Names.Resolver.Resolution;
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
        var (records, statistics) = Compared(cases);
        return records.Select(p => p.A is null || p.B is null ? 0.0 : scorer.Probability(scorer.Comparisons.Compare(p.A, p.B, statistics))).ToList();
    }

    /// <summary>Every case with its cleaned keys, probability and per-feature contributions, in input order.</summary>
    public IReadOnlyList<PairCaseScore> Scores(IReadOnlyList<PairCase> cases, IPairScorer scorer) => Scores(cases, scorer, null);

    private IReadOnlyList<PairCaseScore> Scores(IReadOnlyList<PairCase> cases, IPairScorer scorer, TokenStatistics? allNames)
    {
        var (records, statistics) = Compared(cases);
        statistics = allNames ?? statistics;
        return cases.Select((c, i) => records[i] is var (a, b) && a is not null && b is not null
                ? new PairCaseScore(c, a.NameKey, b.NameKey, scorer.Score(scorer.Comparisons.Compare(a, b, statistics)))
                : new PairCaseScore(c, records[i].A?.NameKey ?? "", records[i].B?.NameKey ?? "", null))
            .ToList();
    }

    /// <summary>
    /// K-fold cross-validation of the supervised scorer: the cases are shuffled with the seed into K folds, and each fold
    /// is scored by the supervised model trained on the other folds on top of <paramref name="unsupervised"/> (the
    /// built-in model when null), so no pair is scored by a model that saw it.
    /// </summary>
    public IReadOnlyList<PairCaseScore> CrossValidate(IReadOnlyList<PairCase> cases, int folds, int seed, IPairScorer? unsupervised = null)
    {
        unsupervised ??= DefaultModel.Load();
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), "at least 2 folds");
        var fold = new int[cases.Count];
        var order = Enumerable.Range(0, cases.Count).ToArray();
        new Random(seed).Shuffle(order);
        for (var i = 0; i < order.Length; i++) fold[order[i]] = i % folds;
        var scores = new PairCaseScore[cases.Count];
        var trainer = new ModelTrainer(_normalizer);
        // Token weights from every name of the benchmark (no labels), for training and test folds alike.
        var allNames = Compared(cases).Statistics;
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, cases.Count).Where(i => fold[i] != f)
                .Select(i => (Input(cases[i].Name1, cases[i].Schema), Input(cases[i].Name2, cases[i].Schema), cases[i].IsMatch));
            using var model = trainer.TrainFromPairs(train, unsupervised, statistics: allNames);
            var test = Enumerable.Range(0, cases.Count).Where(i => fold[i] == f).ToArray();
            var scored = Scores(test.Select(i => cases[i]).ToList(), model, allNames);
            for (var j = 0; j < test.Length; j++) scores[test[j]] = scored[j];
        }
        return scores;
    }

    private static ResolveInput Input(string name, string schema) => new(name, Kind: KindHint(schema));

    /// <summary>Both records of every case and token weights from all names of the cases (no labels used).</summary>
    private (List<(NameRecord? A, NameRecord? B)> Records, TokenStatistics Statistics) Compared(IReadOnlyList<PairCase> cases)
    {
        var records = cases.Select(c => (A: Record(c.Name1, c.Schema), B: Record(c.Name2, c.Schema))).ToList();
        var statistics = new TokenStatistics();
        foreach (var (a, b) in records)
        {
            if (a is not null) statistics.Add(a.Tokens);
            if (b is not null) statistics.Add(b.Tokens);
        }
        return (records, statistics);
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
