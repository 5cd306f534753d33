namespace Names.Resolver.Review;

/// <summary>
/// The review queue's order, in one place: what the database pages by (<see cref="Boundary"/>: proposals nearest it
/// first, see <c>PendingProposalSql</c>), what <see cref="ReviewQueue.NextAsync"/> asks next, and what the learning curve
/// (<c>names eval --learning-curve</c>) simulates. Each decision should teach the model most, so the proposals the
/// model is least sure of come first; a seeded share of turns (<see cref="RandomShare"/>) asks a proposal drawn at random
/// from the whole queue instead, so the decisions also cover what the model is sure of and keep it calibrated (the
/// labellers of dedupe and Zingg mix both the same way). A queue shorter than <see cref="RandomFrom"/> is asked in order:
/// a reviewer sees all of it anyway.
/// </summary>
public sealed record ReviewOrder(double Boundary, double RandomShare = ReviewOrder.DefaultRandomShare, ulong Seed = 1)
{
    public const double DefaultRandomShare = 0.15;
    public const int RandomFrom = 50;

    /// <summary>The order for a resolver's review band: least certain at its middle.</summary>
    public static ReviewOrder For(Resolution.ResolutionOptions options) => new((options.LowerThreshold + options.UpperThreshold) / 2);

    /// <summary>How far from uncertain a proposal of this score is: the queue asks the smallest first.</summary>
    public double Distance(double score) => Math.Abs(score - Boundary);

    /// <summary>
    /// Whether the turn that finds <paramref name="pending"/> proposals in the queue asks one drawn at random, and which
    /// (its position in queue order); null: the first in order. The pending count changes with every decision, so it
    /// numbers the turns without any stored state.
    /// </summary>
    public long? RandomPick(long pending)
    {
        if (pending < RandomFrom || RandomShare <= 0) return null;
        var h = Mix(Seed ^ (ulong)pending);
        if ((h >> 11) * (1.0 / (1UL << 53)) >= RandomShare) return null;
        return (long)(Mix(h) % (ulong)pending);
    }

    /// <summary>
    /// The order in which a reviewer would decide <paramref name="items"/>: turn by turn, the nearest to
    /// <see cref="Boundary"/> not yet asked (ties in the given order), or on a random turn the item at the drawn position
    /// of what is left; the first <paramref name="count"/> turns.
    /// </summary>
    public List<T> Arrange<T>(IReadOnlyList<T> items, Func<T, double> score, int count)
    {
        var left = Enumerable.Range(0, items.Count).OrderBy(i => Distance(score(items[i]))).ThenBy(i => i).ToList();
        var asked = new List<T>(Math.Min(count, items.Count));
        while (left.Count > 0 && asked.Count < count)
        {
            var at = (int)(RandomPick(left.Count) ?? 0);
            asked.Add(items[left[at]]);
            left.RemoveAt(at);
        }
        return asked;
    }

    private static ulong Mix(ulong x)
    {
        // SplitMix64's finaliser: a seeded, platform-independent draw per turn.
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
