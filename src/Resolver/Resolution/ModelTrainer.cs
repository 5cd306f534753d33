using Names.Normalization;
using Names.Resolver.Comparison;
using Names.Resolver.Scoring;

namespace Names.Resolver.Resolution;

/// <summary>
/// Builds scoring models from input rows (what `names train` calls): an unsupervised Fellegi-Sunter model estimated
/// with EM from the rows themselves, or the supervised boosted-tree model from labelled pairs (reviewers' decisions or a
/// truth column) on top of an unsupervised one.
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
    /// <remarks>
    /// Person data with a date context column takes the person path (<see cref="EstimatePersonModel"/>): names alone do
    /// not identify a person, and plain EM over name-blocked pairs degenerates there.
    /// </remarks>
    public FellegiSunterModel EstimateFellegiSunter(IEnumerable<ResolveInput> rows, IEnumerable<string>? contextColumns = null, ulong seed = 1)
    {
        var list = rows as IReadOnlyList<ResolveInput> ?? rows.ToList();
        var columns = contextColumns?.ToList() ?? [];
        if (columns.Count > 0)
        {
            var dateColumns = DateColumns(list, columns);
            if (dateColumns.Count > 0)
            {
                var records = RowRecords(list, seed);
                if (records.Count(r => r.Kind == EntityKind.Person) * 2 >= records.Count)
                    return EstimatePersonModel(records, columns, dateColumns, seed);
            }
        }
        return new FellegiSunterEstimation(ComparisonSet.CreateDefault(columns)) { Seed = seed }.Estimate(Records(list));
    }

    /// <summary>Rows sampled for the person estimation (bounded time on big inputs).</summary>
    public int MaxPersonRecords { get; init; } = 60000;

    /// <summary>
    /// Person model: <see cref="ComparisonSet.CreatePerson"/> features, m of the name features learnt on pairs sharing a
    /// date (<see cref="ContextBlockedEstimation"/>). One record per row: persons with the same name are different people
    /// as often as not, so identical names are not pooled here.
    /// </summary>
    public FellegiSunterModel EstimatePersonModel(IReadOnlyList<NameRecord> records, IReadOnlyList<string> contextColumns, IReadOnlySet<string> dateColumns, ulong seed = 1) =>
        new ContextBlockedEstimation(ComparisonSet.CreatePerson(contextColumns, dateColumns)) { Seed = seed }
            .Estimate(records, contextColumns.Where(dateColumns.Contains).ToList());

    /// <summary>Context columns whose values look like dates written year first (compared as dates, used for blocking).</summary>
    public static IReadOnlySet<string> DateColumns(IReadOnlyList<ResolveInput> rows, IEnumerable<string> contextColumns) =>
        contextColumns.Where(c => DateContextFeature.LooksLikeDates(rows.Select(r => r.Context is not null && r.Context.TryGetValue(c, out var v) ? v : "")))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>One record per row (first party), rows sampled with the seed when there are more than <see cref="MaxPersonRecords"/>.</summary>
    private List<NameRecord> RowRecords(IReadOnlyList<ResolveInput> rows, ulong seed)
    {
        IReadOnlyList<ResolveInput> sample = rows;
        if (rows.Count > MaxPersonRecords)
        {
            var random = new Random(unchecked((int)seed));
            sample = rows.OrderBy(_ => random.Next()).Take(MaxPersonRecords).ToList();
        }
        var records = new NameRecord?[sample.Count];
        Parallel.For(0, sample.Count, i =>
        {
            var row = sample[i];
            var p = _normalizer.Normalize(new NameInput(row.Name, row.Country, row.Kind, row.FamilyName, row.GivenNames)).FirstOrDefault();
            records[i] = p is null || p.Problem.Length > 0 || p.CompactKey.Length == 0 ? null : NameRecord.FromParty(p, row.Context);
        });
        return records.Where(r => r is not null).Select(r => r!).ToList();
    }

    /// <summary>
    /// The supervised model from labelled name pairs (a labels file, reviewers' decisions), on top of
    /// <paramref name="unsupervised"/>. Token weights come from the pairs' names, or from <paramref name="statistics"/>
    /// when given (e.g. all names of a benchmark, the way a registry's names would weigh them). Pairs with a name the
    /// normaliser rejects are left out.
    /// </summary>
    /// <exception cref="TrainingDataException">too few usable pairs or one class only</exception>
    public BoostedTreeModel TrainFromPairs(IEnumerable<(ResolveInput A, ResolveInput B, bool IsMatch)> pairs, IPairScorer unsupervised,
        IEnumerable<string>? contextColumns = null, TokenStatistics? statistics = null)
    {
        var trainer = Trainer(unsupervised, contextColumns);
        return trainer.Train(PairExamples(pairs, trainer.Comparisons, statistics));
    }

    /// <summary>
    /// The supervised model from rows with a truth label (entity id column): the training pairs are the candidate pairs
    /// the index proposes (the distribution the model will face), labelled by whether the truth labels agree, and the
    /// labelled name pairs given besides (reviewers' decisions).
    /// </summary>
    /// <exception cref="TrainingDataException">too few usable pairs or one class only</exception>
    public BoostedTreeModel TrainFromLabels(IEnumerable<(ResolveInput Row, string Label)> rows, IPairScorer unsupervised, IEnumerable<string>? contextColumns = null,
        IEnumerable<(ResolveInput A, ResolveInput B, bool IsMatch)>? pairs = null, int maxCandidatesPerName = 20)
    {
        var candidates = LabelledCandidatePairs(rows, maxCandidatesPerName);
        var trainer = Trainer(unsupervised, contextColumns);
        var examples = Examples(candidates, candidates.Pairs, trainer.Comparisons);
        examples.AddRange(PairExamples(pairs ?? [], trainer.Comparisons, candidates.Tokens));
        return trainer.Train(examples);
    }

    /// <summary>
    /// The supervised model from several labelled data sets at once (the pretrained model): each set gives at most
    /// <paramref name="pairsPerSet"/> training pairs, drawn with <paramref name="seed"/>, so that no set outweighs the
    /// others, as many matches as non-matches where it has them; token weights come from each set's own names. Same sets and seed, same model.
    /// </summary>
    /// <exception cref="TrainingDataException">too few usable pairs or one class only</exception>
    public (BoostedTreeModel Model, IReadOnlyList<LabelledSetUse> Used) TrainFromSets(IEnumerable<LabelledSet> sets, IPairScorer unsupervised,
        int pairsPerSet, int seed, Func<BoostedTreeTrainer, BoostedTreeTrainer>? configure = null)
    {
        if (pairsPerSet < 1) throw new ArgumentOutOfRangeException(nameof(pairsPerSet), "at least one pair per set");
        var trainer = Trainer(unsupervised, null, seed);
        if (configure is not null) trainer = configure(trainer);
        var examples = new List<(int[] Levels, bool IsMatch)>();
        var used = new List<LabelledSetUse>();
        foreach (var set in sets)
        {
            var own = new List<(int[] Levels, bool IsMatch)>();
            TokenStatistics? statistics = null;
            if (set.Rows.Count > 0)
            {
                var candidates = LabelledCandidatePairs(set.Rows);
                own.AddRange(Examples(candidates, candidates.Pairs, trainer.Comparisons));
                statistics = candidates.Tokens;
            }
            own.AddRange(PairExamples(set.Pairs, trainer.Comparisons, statistics));
            // A seeded draw per set, independent of the other sets, so leaving one set out leaves the others' pairs alone.
            // Matches and non-matches half each where the set has them: the share of matches among candidate pairs is a
            // property of one set's blocking, not something the default should learn as a prior.
            new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(own));
            var matches = own.Where(e => e.IsMatch).ToList();
            var others = own.Where(e => !e.IsMatch).ToList();
            int takeMatches = Math.Min(matches.Count, Math.Max(pairsPerSet / 2, pairsPerSet - others.Count));
            var sample = matches.Take(takeMatches).Concat(others.Take(pairsPerSet - takeMatches)).ToList();
            examples.AddRange(sample);
            used.Add(new LabelledSetUse(set.Name, sample.Count, sample.Count(e => e.IsMatch)));
        }
        return (trainer.Train(examples), used);
    }

    /// <summary>
    /// The distinct records of labelled rows (one per kind + name key + country + label) and the candidate pairs the
    /// blocking index proposes among them, each labelled by whether the truth labels agree. Two records of one name
    /// (kind, name key and country) are no pair: the resolver takes a known name as its entity without scoring it,
    /// unless it is a person with context (scored row by row).
    /// </summary>
    public LabelledCandidates LabelledCandidatePairs(IEnumerable<(ResolveInput Row, string Label)> rows, int maxCandidatesPerName = 20)
    {
        var records = new List<NameRecord>();
        var labels = new List<string>();
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, label) in rows)
            foreach (var p in _normalizer.Normalize(new NameInput(row.Name, row.Country, row.Kind, row.FamilyName, row.GivenNames)).Take(1))
            {
                if (p.CompactKey.Length == 0) continue;
                var name = RegistryState.VariantKey(p.Kind, p.NameKey, p.Country);
                if (!seen.Add(name + "\u001f" + label)) continue;
                records.Add(NameRecord.FromParty(p, row.Context));
                labels.Add(label);
                names.Add(p.Kind == EntityKind.Person && row.Context is { Count: > 0 } ? "" : name);
            }
        var statistics = new TokenStatistics();
        foreach (var r in records) statistics.Add(r.Tokens);
        var generator = new Candidates.BlockingKeyGenerator();
        var index = new Candidates.InMemoryCandidateIndex();
        var pairs = new List<(int, int, bool)>();
        for (int i = 0; i < records.Count; i++)
        {
            var keys = generator.Keys(records[i]);
            foreach (var j in index.Find(keys, maxCandidatesPerName))
                if (names[i].Length == 0 || names[i] != names[j]) pairs.Add((i, j, labels[i] == labels[j]));
            index.Add(i, keys);
        }
        return new LabelledCandidates(records, statistics, pairs);
    }

    /// <summary>The supervised model on some of the labelled candidate pairs (e.g. the first N a reviewer would decide).</summary>
    public BoostedTreeModel Train(LabelledCandidates candidates, IEnumerable<(int A, int B, bool IsMatch)> pairs, IPairScorer unsupervised,
        IEnumerable<string>? contextColumns = null)
    {
        var trainer = Trainer(unsupervised, contextColumns);
        return trainer.Train(Examples(candidates, pairs, trainer.Comparisons));
    }

    private static List<(int[] Levels, bool IsMatch)> Examples(LabelledCandidates candidates, IEnumerable<(int A, int B, bool IsMatch)> pairs, ComparisonSet set) =>
        pairs.Select(p => (set.Compare(candidates.Records[p.A], candidates.Records[p.B], candidates.Tokens), p.IsMatch)).ToList();

    /// <summary>Labelled name pairs as examples; token weights from <paramref name="statistics"/>, else from the pairs' own names.</summary>
    private List<(int[] Levels, bool IsMatch)> PairExamples(IEnumerable<(ResolveInput A, ResolveInput B, bool IsMatch)> pairs, ComparisonSet set, TokenStatistics? statistics)
    {
        var records = pairs.Select(p => (A: First(p.A), B: First(p.B), p.IsMatch)).Where(p => p.A is not null && p.B is not null).ToList();
        if (statistics is null)
        {
            statistics = new TokenStatistics();
            foreach (var (a, b, _) in records) { statistics.Add(a!.Tokens); statistics.Add(b!.Tokens); }
        }
        return records.Select(p => (set.Compare(p.A!, p.B!, statistics), p.IsMatch)).ToList();
    }

    /// <summary>
    /// The unsupervised model a supervised one builds on: <paramref name="model"/> itself when it is Fellegi-Sunter, the
    /// one under it when it is supervised, else the built-in model.
    /// </summary>
    public static IPairScorer UnsupervisedOf(IPairScorer model) => model switch
    {
        FellegiSunterModel => model,
        BoostedTreeModel b => b.Unsupervised,
        CorrectedModel { Base: FellegiSunterModel } c => c.Base,
        _ => DefaultModel.Load(),
    };

    private static BoostedTreeTrainer Trainer(IPairScorer unsupervised, IEnumerable<string>? contextColumns, int seed = 1)
    {
        var baseModel = UnsupervisedOf(unsupervised);
        return new BoostedTreeTrainer(BoostedTreeTrainer.FeaturesFor(baseModel, contextColumns), baseModel) { Seed = seed };
    }

    private NameRecord? First(ResolveInput input)
    {
        var party = _normalizer.Normalize(new NameInput(input.Name, input.Country, input.Kind, input.FamilyName, input.GivenNames)).FirstOrDefault();
        return party is null || party.CompactKey.Length == 0 ? null : NameRecord.FromParty(party, input.Context);
    }
}
