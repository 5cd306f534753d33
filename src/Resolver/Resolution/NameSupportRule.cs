using Names.Resolver.Comparison;
using Names.Resolver.Scoring;

namespace Names.Resolver.Resolution;

/// <summary>
/// A pair whose names share nothing that names them (<see cref="ResolutionOptions.UnsupportedNameLevels"/>: by default
/// <see cref="SharedWordFeature"/>'s "no distinctive word in common") is neither linked nor proposed unless its
/// context is strong: the context features' levels weigh at least <see cref="ResolutionOptions.StrongContextBits"/> under
/// the unsupervised Fellegi-Sunter model (the same weights its explanation shows). A shared legal form or shared patent
/// classes alone (DU PONT DE NEMOURS BV / THALES NEDERLAND B.V.) are not worth an analyst's time. The supported pair's
/// explanation names the support (<see cref="Support"/>). Names that meet only as an acronym and its expansion
/// (<see cref="ResolutionOptions.AcronymOnlyLevels"/>) are linked only within one country or with strong context; else
/// review at most. Off with the other name rules (<see cref="ResolutionOptions.NameConflictRules"/>).
/// </summary>
public sealed class NameSupportRule
{
    private readonly ResolutionOptions _options;
    /// <summary>Each feature named by the options, compared once per pair, with its unsupported and acronym-only levels.</summary>
    private readonly (IComparisonFeature Feature, int[] Unsupported, int[] AcronymOnly)[] _weakLevels;
    /// <summary>Per context feature of the model (in the order the matcher passes them), log2 Bayes factor per level.</summary>
    private readonly Dictionary<int, double[]> _contextBits = new();

    public NameSupportRule(IPairScorer model, IReadOnlyList<int> contextFeatures, ResolutionOptions options)
    {
        _options = options;
        _weakLevels = ComparisonSet.FromNames(options.UnsupportedNameLevels.Keys.Union(options.AcronymOnlyLevels.Keys)).Features
            .Select(f => (f, options.UnsupportedNameLevels.GetValueOrDefault(f.Name, []), options.AcronymOnlyLevels.GetValueOrDefault(f.Name, []))).ToArray();
        if (ModelTrainer.UnsupervisedOf(model) is not FellegiSunterModel fs) return;
        var names = fs.Comparisons.Features.Select(f => f.Name).ToList();
        foreach (var f in contextFeatures)
        {
            var at = names.IndexOf(model.Comparisons.Features[f].Name);
            if (at >= 0) _contextBits[f] = fs.M[at].Select((m, l) => Math.Log2(m / fs.U[at][l])).ToArray();
        }
    }

    /// <summary>
    /// The probability as the rule leaves it: capped below the lower threshold for an unsupported pair, below the upper
    /// one for an acronym met without its country or context.
    /// </summary>
    public double Apply(NameRecord a, NameRecord b, int[] levels, IReadOnlyList<int> contextFeatures, TokenStatistics tokens, double probability)
    {
        if (probability < _options.LowerThreshold || !_options.NameConflictRules || Weakness(a, b, tokens) is not var (_, _, acronym)) return probability;
        if (ContextBits(levels, contextFeatures) >= _options.StrongContextBits) return probability;
        if (!acronym) return _options.LowerThreshold * 0.99;
        return probability > _options.SubsetNameCap && !SameCountry(a, b) ? _options.SubsetNameCap : probability;
    }

    private static bool SameCountry(NameRecord a, NameRecord b) => a.Country.Length > 0 && a.Country == b.Country;

    /// <summary>
    /// For a pair kept although its names share no distinctive word: the line its explanation shows, naming the context
    /// that supports it; null when the names support themselves.
    /// </summary>
    public FeatureContribution? Support(NameRecord a, NameRecord b, int[] levels, IReadOnlyList<int> contextFeatures, TokenStatistics tokens)
    {
        if (!_options.NameConflictRules || Weakness(a, b, tokens) is not var (feature, level, acronym)) return null;
        var bits = ContextBits(levels, contextFeatures);
        var byContext = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"supported by context worth {bits:0.0} bits");
        var support = !acronym ? byContext
            : SameCountry(a, b) ? "supported by the same country " + a.Country
            : bits >= _options.StrongContextBits ? byContext
            : "without the same country or context: review at most";
        return new FeatureContribution(feature.Name, level, $"{feature.Levels[level]}, {support}", 0);
    }

    /// <summary>The level at which the names share nothing that names them, or meet only as an acronym; null when neither.</summary>
    private (IComparisonFeature Feature, int Level, bool AcronymOnly)? Weakness(NameRecord a, NameRecord b, TokenStatistics tokens)
    {
        foreach (var (feature, unsupported, acronymOnly) in _weakLevels)
        {
            var level = feature.Compare(a, b, tokens);
            if (Array.IndexOf(unsupported, level) >= 0) return (feature, level, false);
            if (Array.IndexOf(acronymOnly, level) >= 0) return (feature, level, true);
        }
        return null;
    }

    private double ContextBits(int[] levels, IReadOnlyList<int> contextFeatures)
    {
        double bits = 0;
        foreach (var f in contextFeatures)
            if (levels[f] >= 0 && _contextBits.TryGetValue(f, out var w)) bits += w[levels[f]];
        return bits;
    }
}
