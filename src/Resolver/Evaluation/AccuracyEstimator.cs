using System.Runtime.InteropServices;
using Names.Normalization;
using Names.Resolver.Comparison;
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
/// there (a new entity's first variant: 1; a link: its probability; a fold of a whole entity: times the fold's; rows of a
/// known name key under another legal form: times <see cref="PolicyShare"/>); the variants of one entity are right or
/// wrong independently; a wrong variant is alone. A name kept apart from several entities is one of them at most (their
/// odds share one posterior); a probability a name rule held below the model's counts at even odds at most. Two
/// entities kept apart are one with the mean of that over the names of one compared with the other, independently of
/// the other pairs. Pairs the scorer never saw, or saw as unlike, are not seen (docs/outputs.md).
/// </summary>
public sealed class AccuracyEstimator
{
    public const int Bands = 20;
    /// <summary>Pairs kept apart below this probability are left out (a scorer's floor, not evidence).</summary>
    public const double MinApartProbability = 0.001;
    /// <summary>The share of a pair a rule held below the model's probability: the names cannot tell, so even odds at most.</summary>
    public const double PolicyShare = 0.5;
    private const double MaxApartProbability = 1 - 1e-9;

    private readonly Dictionary<long, (string Entity, double Probability)> _decided = new();
    private readonly Dictionary<string, (string Target, double Probability)> _folds = new(StringComparer.Ordinal);
    /// <summary>A variant and a candidate entity it was not put into (each pair once: a variant is decided once, its candidates are distinct entities).</summary>
    private readonly List<(long Variant, string Entity, double Probability)> _apart = new();
    private readonly Dictionary<long, VariantRows> _rows = new();

    /// <summary>
    /// A new variant was put into <paramref name="entityId"/>: linked with <paramref name="linkProbability"/>, or the first
    /// variant of a new entity (1). <paramref name="candidates"/>: every candidate entity it was scored with.
    /// </summary>
    public void Decided(long variantId, string entityId, double linkProbability, IReadOnlyList<EntityMatch> candidates)
    {
        _decided[variantId] = (entityId, Math.Clamp(linkProbability, 0, 1));
        // The candidates kept apart are alternatives: the name is one entity at most, so their odds share one posterior
        // (with one candidate this is its probability).
        double odds = 0;
        int first = _apart.Count;
        for (int i = 0; i < candidates.Count; i++)
        {
            var m = candidates[i];
            if (m.EntityId == entityId) continue;
            var p = Evidence(m) * (1 - (double)m.Dissenting / Math.Max(1, m.Compared));
            if (p < MinApartProbability) continue;
            p = Math.Min(p, MaxApartProbability);
            odds += p / (1 - p);
            _apart.Add((variantId, m.EntityId, p / (1 - p)));
        }
        for (int i = first; i < _apart.Count; i++) _apart[i] = _apart[i] with { Probability = _apart[i].Probability / (1 + odds) };
    }

    /// <summary>
    /// The probability a pair kept apart is one entity: the model's where it is evidence; where a rule held the pair
    /// below the model (a subset name, another legal form, a name without support: <see cref="NameConflictRule"/>,
    /// <see cref="NameSupportRule"/>), the rule's premise is that the names cannot tell, so even odds at most.
    /// </summary>
    private static double Evidence(EntityMatch m) =>
        m.Probability > 0 && m.Probability < m.Scorer.Probability(m.BestLevels) ? Math.Min(m.Probability, PolicyShare) : m.Probability;

    /// <summary>A whole entity was folded into <paramref name="targetId"/> with <paramref name="probability"/>.</summary>
    public void Folded(string entityId, string targetId, double probability) => _folds[entityId] = (targetId, Math.Clamp(probability, 0, 1));

    /// <summary>
    /// A party of the run's output: its variant, the id it was given, and its legal form. A known name key is taken as its
    /// entity's, except under another legal form than the variant's first (SUMMIT LLC / SUMMIT INC share a name key):
    /// those rows are the same company at <see cref="PolicyShare"/>, as the name conflict rule has it for a scored pair.
    /// </summary>
    public void AddRow(long variantId, string entityId, Party party)
    {
        ref var rows = ref CollectionsMarshal.GetValueRefOrAddDefault(_rows, variantId, out bool seen);
        var form = (party.LegalForm, party.ElfCode, party.Country);
        if (!seen || rows.Form.LegalForm.Length == 0) rows = rows with { Entity = entityId, Form = form };
        else if (LegalFormFeature.FormsDiffer(rows.Form, form)) rows.OtherForm++;
        rows.Rows++;
    }

    public AccuracyEstimate Estimate()
    {
        var falseByBand = new double[Bands];
        var missedByBand = new double[Bands];
        // Per variant with rows: its entity, rows and the probability that it belongs there.
        var clusters = new Dictionary<string, Cluster>(StringComparer.Ordinal);
        long links = 0;
        foreach (var (variant, (entity, rows, otherForm, _)) in _rows)
        {
            var q = 1.0;
            if (_decided.TryGetValue(variant, out var d))
            {
                q = d.Probability;
                if (q < 1) { links++; falseByBand[Band(q)] += 1 - q; }
                foreach (var (_, fold) in FoldChain(d.Entity)) q *= fold;
            }
            if (!clusters.TryGetValue(entity, out var c)) clusters[entity] = c = new Cluster();
            c.Add(rows - otherForm, q);
            c.Add(otherForm, q * PolicyShare);
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
            // One with the other (p), a right row of either finds its own share of the two; apart (1 - p), all of its own.
            var (ca, cb) = (clusters[a], clusters[b]);
            var both = ca.Expected + cb.Expected;
            if (both > 0)
            {
                ca.Found *= 1 - p * cb.Expected / both;
                cb.Found *= 1 - p * ca.Expected / both;
            }
            missedByBand[Band(p)] += p;
        }

        double precision = 0, recall = 0, parties = 0;
        foreach (var c in clusters.Values)
        {
            var found = c.Found;
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

    private record struct VariantRows(string Entity, int Rows, int OtherForm, (string LegalForm, string ElfCode, string Country) Form);

    private sealed class Cluster
    {
        public void Add(int rows, double probability)
        {
            if (rows == 0) return;
            Members.Add((rows, probability));
            Rows += rows;
            Expected += rows * probability;
        }

        public List<(int Rows, double Probability)> Members { get; } = new();
        public long Rows { get; set; }
        /// <summary>Rows expected to be the entity's: Σ rows × probability.</summary>
        public double Expected { get; set; }
        /// <summary>
        /// The share of its entity a right row is expected to find in it: over the entities kept apart from it, each one
        /// with it at its probability, independently (Π of 1 − p × their expected rows / both's).
        /// </summary>
        public double Found { get; set; } = 1;
    }
}
