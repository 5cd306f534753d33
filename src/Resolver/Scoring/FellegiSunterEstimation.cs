using Names.Resolver.Candidates;
using Names.Resolver.Comparison;

namespace Names.Resolver.Scoring;

/// <summary>
/// Estimates a Fellegi-Sunter model from unlabelled names (what `names train` does without labels, and what a new data
/// set needs): u from seeded random pairs, m and lambda by EM over the pairs the candidate index proposes.
/// </summary>
public sealed class FellegiSunterEstimation(ComparisonSet comparisons)
{
    public int RandomPairs { get; init; } = 20000;
    public int MaxCandidatesPerName { get; init; } = 10;
    public int BlockCap { get; init; } = 300;
    public ulong Seed { get; init; } = 1;

    public FellegiSunterModel Estimate(IReadOnlyList<NameRecord> records)
    {
        if (records.Count < 2) throw new ArgumentException("need at least two names");
        var statistics = new TokenStatistics();
        foreach (var r in records) statistics.Add(r.Tokens);

        var random = new Random(unchecked((int)Seed));
        var randomLevels = new List<int[]>(RandomPairs);
        for (int i = 0; i < RandomPairs; i++)
        {
            int a = random.Next(records.Count), b = random.Next(records.Count);
            if (a == b) continue;
            randomLevels.Add(comparisons.Compare(records[a], records[b], statistics));
        }

        var generator = new BlockingKeyGenerator();
        var index = new InMemoryCandidateIndex(BlockCap);
        var candidateLevels = new List<int[]>();
        for (int i = 0; i < records.Count; i++)
        {
            var keys = generator.Keys(records[i]);
            foreach (var j in index.Find(keys, MaxCandidatesPerName))
                candidateLevels.Add(comparisons.Compare(records[i], records[j], statistics));
            index.Add(i, keys);
        }

        var trainer = new FellegiSunterTrainer(comparisons);
        var u = trainer.EstimateU(randomLevels);
        return trainer.Train(candidateLevels, u);
    }
}
