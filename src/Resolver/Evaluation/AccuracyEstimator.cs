using System.Runtime.InteropServices;
using Names.Resolver.Resolution;

namespace Names.Resolver.Evaluation;

/// <summary>
/// What a run expects of its own accuracy, from the match probabilities of the decisions it took (no labels): B-cubed
/// precision and recall over the run's parties, the expected number of wrong links and of missed links, each by score
/// band (20 bands of 0.05: band i holds probabilities in [i/20, (i+1)/20)).
/// </summary>
public sealed record AccuracyEstimate(double BCubedPrecision, double BCubedRecall, double ExpectedFalseLinks, double ExpectedMissedLinks,
    long Links, long PairsApart, double[] FalseLinksByBand, double[] MissedLinksByBand)
{
    public double BCubedF1 => BCubedPrecision + BCubedRecall == 0 ? 0 : 2 * BCubedPrecision * BCubedRecall / (BCubedPrecision + BCubedRecall);
}

/// <summary>
/// Estimates a run's B-cubed precision and recall from the probabilities it decided with, fed by the decision core as
/// it decides (<see cref="Decided"/>, <see cref="Folded"/>, <see cref="AddRow"/>); <see cref="Estimate"/> at the end.
/// The model: each variant a run puts into an entity belongs to it with the probability of the decision that put it
/// there (a new entity's first variant: 1; a link: its probability; a fold of a whole entity: times the fold's); the
/// variants of one entity are right or wrong independently; a wrong variant is alone. Two entities the run kept apart are
/// one with the mean, over the names of one compared with the other and scoring at least
/// <see cref="MinApartProbability"/>, of the best member's probability times the share
/// of the compared members that did not clearly differ (one look-alike member of a cluster whose other members differ
/// is weak evidence). Pairs the candidate search never put in front of the scorer are not seen: the recall estimate is
/// the recall among the pairs compared (docs/outputs.md).
/// </summary>
public sealed class AccuracyEstimator
{
    public const int Bands = 20;
    /// <summary>Pairs kept apart below this probability are left out (a scorer's floor, not evidence).</summary>
    public const double MinApartProbability = 0.001;

    private readonly Dictionary<long, (string Entity, double Probability)> _decided = new();
    private readonly Dictionary<string, (string Target, double Probability)> _folds = new(StringComparer.Ordinal);
    /// <summary>A variant and a candidate entity it was not put into (each pair once: a variant is decided once, its candidates are distinct entities).</summary>
    private readonly List<(long Variant, string Entity, double Probability)> _apart = new();
    private readonly Dictionary<long, (string Entity, int Rows)> _rows = new();

    /// <summary>
    /// A new variant was put into <paramref name="entityId"/>: linked with <paramref name="linkProbability"/>, or the first
    /// variant of a new entity (1). <paramref name="candidates"/>: every candidate entity it was scored with.
    /// </summary>
    public void Decided(long variantId, string entityId, double linkProbability, IReadOnlyList<EntityMatch> candidates)
    {
        _decided[variantId] = (entityId, Math.Clamp(linkProbability, 0, 1));
        for (int i = 0; i < candidates.Count; i++)
        {
            var m = candidates[i];
            var (other, p) = (m.EntityId, m.Probability * (1 - (double)m.Dissenting / Math.Max(1, m.Compared)));
            if (p >= MinApartProbability && other != entityId) _apart.Add((variantId, other, Math.Min(p, 1)));
        }
    }

    /// <summary>A whole entity was folded into <paramref name="targetId"/> with <paramref name="probability"/>.</summary>
    public void Folded(string entityId, string targetId, double probability) => _folds[entityId] = (targetId, Math.Clamp(probability, 0, 1));

    /// <summary>A party of the run's output: its variant and the id it was given.</summary>
    public void AddRow(long variantId, string entityId)
    {
        ref var rows = ref CollectionsMarshal.GetValueRefOrAddDefault(_rows, variantId, out _);
        rows = (entityId, rows.Rows + 1);
    }

    public AccuracyEstimate Estimate()
    {
        var falseByBand = new double[Bands];
        var missedByBand = new double[Bands];
        // Per variant with rows: its entity, rows and the probability that it belongs there.
        var clusters = new Dictionary<string, Cluster>(StringComparer.Ordinal);
        long links = 0;
        foreach (var (variant, (entity, rows)) in _rows)
        {
            var q = 1.0;
            if (_decided.TryGetValue(variant, out var d))
            {
                q = d.Probability;
                if (q < 1) { links++; falseByBand[Band(q)] += 1 - q; }
                foreach (var (_, fold) in FoldChain(d.Entity)) q *= fold;
            }
            if (!clusters.TryGetValue(entity, out var c)) clusters[entity] = c = new Cluster();
            c.Members.Add((rows, q));
            c.Rows += rows;
            c.Expected += rows * q;
        }
        foreach (var (_, (_, p)) in _folds)
            if (p < 1) { links++; falseByBand[Band(p)] += 1 - p; }

        // Entities kept apart: the mean evidence of the names of one compared with the other.
        var apart = new Dictionary<(string, string), (double Sum, int Count)>();
        foreach (var (variant, other, p) in _apart)
        {
            if (!_rows.TryGetValue(variant, out var v)) continue;
            var target = Final(other);
            if (target == v.Entity || !clusters.ContainsKey(target)) continue;
            var key = string.CompareOrdinal(v.Entity, target) < 0 ? (v.Entity, target) : (target, v.Entity);
            var (sum, count) = apart.GetValueOrDefault(key);
            apart[key] = (sum + p, count + 1);
        }
        foreach (var ((a, b), (sum, count)) in apart)
        {
            var p = sum / count;
            var (ca, cb) = (clusters[a], clusters[b]);
            ca.Missed += p * cb.Expected;
            cb.Missed += p * ca.Expected;
            missedByBand[Band(p)] += p;
        }

        double precision = 0, recall = 0, parties = 0;
        foreach (var c in clusters.Values)
        {
            var found = c.Expected / (c.Expected + c.Missed);
            foreach (var (rows, q) in c.Members)
            {
                // Right (q): its own rows and the other right rows; wrong: its own rows only, and its entity is elsewhere.
                precision += rows * (q * (rows + c.Expected - rows * q) + (1 - q) * rows) / c.Rows;
                recall += rows * (q * found + (1 - q));
            }
            parties += c.Rows;
        }
        return new AccuracyEstimate(parties == 0 ? 1 : precision / parties, parties == 0 ? 1 : recall / parties,
            falseByBand.Sum(), missedByBand.Sum(), links, apart.Count, falseByBand, missedByBand);
    }

    private static int Band(double p) => Math.Clamp((int)(p * Bands), 0, Bands - 1);

    private IEnumerable<(string Target, double Probability)> FoldChain(string entity)
    {
        for (int guard = 0; guard < 64 && _folds.TryGetValue(entity, out var fold); guard++)
        {
            yield return fold;
            entity = fold.Target;
        }
    }

    private string Final(string entity)
    {
        foreach (var (target, _) in FoldChain(entity)) entity = target;
        return entity;
    }

    private sealed class Cluster
    {
        public List<(int Rows, double Probability)> Members { get; } = new();
        public long Rows { get; set; }
        /// <summary>Rows expected to be the entity's: Σ rows × probability.</summary>
        public double Expected { get; set; }
        /// <summary>Rows of entities kept apart expected to be this one's: Σ probability × their expected rows.</summary>
        public double Missed { get; set; }
    }
}
