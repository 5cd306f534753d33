namespace Names.Resolver.Evaluation;

/// <summary>
/// How many of a run's review proposals join two entities the truth holds as one: what an analyst's time in the review
/// queue is worth. Each entity stands for the truth label most of its labelled parties carry; a proposal whose entities
/// have no labelled party is not counted.
/// </summary>
public sealed record ProposalPrecision(int Proposals, int TrueMatches)
{
    public double Share => Proposals == 0 ? 0 : (double)TrueMatches / Proposals;

    /// <param name="proposals">The proposals as (entity, entity) pairs.</param>
    /// <param name="predicted">Per labelled party, its entity; <paramref name="truth"/> holds its label at the same index.</param>
    public static ProposalPrecision Compute(IEnumerable<(string A, string B)> proposals, IReadOnlyList<string> predicted, IReadOnlyList<string> truth)
    {
        var label = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        for (int i = 0; i < predicted.Count; i++)
        {
            if (!label.TryGetValue(predicted[i], out var counts)) label[predicted[i]] = counts = new(StringComparer.Ordinal);
            counts[truth[i]] = counts.GetValueOrDefault(truth[i]) + 1;
        }
        string? Majority(string entity) => label.TryGetValue(entity, out var counts) ? counts.MaxBy(kv => kv.Value).Key : null;
        int total = 0, matches = 0;
        foreach (var (a, b) in proposals)
        {
            if (Majority(a) is not { } la || Majority(b) is not { } lb) continue;
            total++;
            if (la == lb) matches++;
        }
        return new ProposalPrecision(total, matches);
    }
}
