using Names.Normalization;
using Names.Resolver.Comparison;
using Names.Resolver.Scoring;

namespace Names.Resolver.Resolution;

/// <summary>
/// Builds scoring models from input rows (what `names train` calls): an unsupervised Fellegi-Sunter model estimated
/// with EM from the rows themselves, or a logistic regression from labelled pairs (reviewers' decisions or a truth column).
/// </summary>
public sealed class ModelTrainer(NameNormalizer? normalizer = null)
{
    private readonly NameNormalizer _normalizer = normalizer ?? NameNormalizer.CreateDefault();

    /// <summary>Distinct comparable records of the rows (one per kind + name key + country), normalised in parallel.</summary>
    public IReadOnlyList<NameRecord> Records(IEnumerable<ResolveInput> rows)
    {
        var list = rows.ToList();
        var parties = new IReadOnlyList<Party>[list.Count];
        Parallel.For(0, list.Count, i =>
            parties[i] = _normalizer.Normalize(new NameInput(list[i].Name, list[i].Country, list[i].Kind, list[i].FamilyName, list[i].GivenNames)));
        var seen = new Dictionary<string, NameRecord>(StringComparer.Ordinal);
        var ordered = new List<NameRecord>();
        for (int i = 0; i < list.Count; i++)
            foreach (var p in parties[i])
            {
                if (p.Problem.Length > 0 || p.CompactKey.Length == 0) continue;
                var key = RegistryState.VariantKey(p.Kind, p.NameKey, p.Country);
                if (seen.TryGetValue(key, out var existing))
                {
                    if (list[i].Context is { Count: > 0 } c) existing.AddContext(c);
                    continue;
                }
                var record = NameRecord.FromParty(p, list[i].Context);
                seen[key] = record;
                ordered.Add(record);
            }
        return ordered;
    }

    /// <summary>Fellegi-Sunter with u from random pairs and m by EM over candidate pairs, all from these rows.</summary>
    public FellegiSunterModel EstimateFellegiSunter(IEnumerable<ResolveInput> rows, IEnumerable<string>? contextColumns = null, ulong seed = 1) =>
        new FellegiSunterEstimation(ComparisonSet.CreateDefault(contextColumns)) { Seed = seed }.Estimate(Records(rows));

    /// <summary>Logistic regression over all features from labelled name pairs.</summary>
    public LogisticRegressionModel TrainLogisticRegression(IEnumerable<(ResolveInput A, ResolveInput B, bool IsMatch)> pairs, IEnumerable<string>? contextColumns = null, double l2 = 1.0)
    {
        var set = ComparisonSet.CreateFull(contextColumns);
        var list = pairs.ToList();
        var statistics = new TokenStatistics();
        var records = list.Select(p => (A: First(p.A), B: First(p.B), p.IsMatch)).Where(p => p.A is not null && p.B is not null).ToList();
        foreach (var (a, b, _) in records) { statistics.Add(a!.Tokens); statistics.Add(b!.Tokens); }
        var examples = records.Select(p => (set.Compare(p.A!, p.B!, statistics), p.IsMatch)).ToList();
        return new LogisticRegressionTrainer(set) { L2 = l2 }.Train(examples);
    }

    /// <summary>
    /// Logistic regression from rows with a truth label (entity id column): the training pairs are the candidate pairs
    /// the index proposes (the distribution the model will face), labelled by whether the truth labels agree.
    /// </summary>
    public LogisticRegressionModel TrainLogisticRegressionFromLabels(IEnumerable<(ResolveInput Row, string Label)> rows, IEnumerable<string>? contextColumns = null,
        double l2 = 1.0, int maxCandidatesPerName = 20, bool allFeatures = false)
    {
        var list = rows.ToList();
        var labelOf = new Dictionary<NameRecord, string>(ReferenceEqualityComparer.Instance);
        var records = new List<NameRecord>();
        var seen = new Dictionary<string, NameRecord>(StringComparer.Ordinal);
        foreach (var (row, label) in list)
            foreach (var p in _normalizer.Normalize(new NameInput(row.Name, row.Country, row.Kind, row.FamilyName, row.GivenNames)).Take(1))
            {
                if (p.CompactKey.Length == 0) continue;
                var key = RegistryState.VariantKey(p.Kind, p.NameKey, p.Country) + "\u001f" + label;
                if (seen.ContainsKey(key)) continue;
                var r = NameRecord.FromParty(p, row.Context);
                seen[key] = r;
                labelOf[r] = label;
                records.Add(r);
            }
        // The default feature set scores faster; all features let regularisation pick among correlated ratios.
        var set = allFeatures ? ComparisonSet.CreateFull(contextColumns) : ComparisonSet.CreateDefault(contextColumns);
        var statistics = new TokenStatistics();
        foreach (var r in records) statistics.Add(r.Tokens);
        var generator = new Candidates.BlockingKeyGenerator();
        var index = new Candidates.InMemoryCandidateIndex();
        var examples = new List<(int[], bool)>();
        for (int i = 0; i < records.Count; i++)
        {
            var keys = generator.Keys(records[i]);
            foreach (var j in index.Find(keys, maxCandidatesPerName))
                examples.Add((set.Compare(records[i], records[j], statistics), labelOf[records[i]] == labelOf[records[j]]));
            index.Add(i, keys);
        }
        return new LogisticRegressionTrainer(set) { L2 = l2 }.Train(examples);
    }

    private NameRecord? First(ResolveInput input)
    {
        var party = _normalizer.Normalize(new NameInput(input.Name, input.Country, input.Kind, input.FamilyName, input.GivenNames)).FirstOrDefault();
        return party is null || party.CompactKey.Length == 0 ? null : NameRecord.FromParty(party, input.Context);
    }
}
