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
    private readonly (IComparisonFeature Feature, int[] Levels)[] _unsupported, _acronymOnly;
    /// <summary>Per context feature of the model (in the order the matcher passes them), log2 Bayes factor per level.</summary>
    private readonly Dictionary<int, double[]> _contextBits = new();

    public NameSupportRule(IPairScorer model, IReadOnlyList<int> contextFeatures, ResolutionOptions options)
    {
        _options = options;
        _unsupported = LevelsOf(options.UnsupportedNameLevels);
        _acronymOnly = LevelsOf(options.AcronymOnlyLevels);
        if (ModelTrainer.UnsupervisedOf(model) is not FellegiSunterModel fs) return;
        var names = fs.Comparisons.Features.Select(f => f.Name).ToList();
        foreach (var f in contextFeatures)
        {
            var at = names.IndexOf(model.Comparisons.Features[f].Name);
            if (at >= 0) _contextBits[f] = fs.M[at].Select((m, l) => Math.Log2(m / fs.U[at][l])).ToArray();
        }
    }

    private static (IComparisonFeature, int[])[] LevelsOf(IReadOnlyDictionary<string, int[]> levels) =>
        ComparisonSet.FromNames(levels.Keys).Features.Select(f => (f, levels[f.Name])).ToArray();

    /// <summary>
    /// The probability as the rule leaves it: capped below the lower threshold for an unsupported pair, below the upper
    /// one for an acronym met without its country or context.
    /// </summary>
    public double Apply(NameRecord a, NameRecord b, int[] levels, IReadOnlyList<int> contextFeatures, TokenStatistics tokens, double probability)
    {
        if (probability < _options.LowerThreshold || !_options.NameConflictRules) return probability;
        if (Matching(_unsupported, a, b, tokens) is not null)
            return ContextBits(levels, contextFeatures) < _options.StrongContextBits ? _options.LowerThreshold * 0.99 : probability;
        if (probability > _options.SubsetNameCap && Matching(_acronymOnly, a, b, tokens) is not null && !SameCountry(a, b)
            && ContextBits(levels, contextFeatures) < _options.StrongContextBits)
            return _options.SubsetNameCap;
        return probability;
    }

    private static bool SameCountry(NameRecord a, NameRecord b) => a.Country.Length > 0 && a.Country == b.Country;

    /// <summary>
    /// For a pair kept although its names share no distinctive word: the line its explanation shows, naming the context
    /// that supports it; null when the names support themselves.
    /// </summary>
    public FeatureContribution? Support(NameRecord a, NameRecord b, int[] levels, IReadOnlyList<int> contextFeatures, TokenStatistics tokens)
    {
        if (!_options.NameConflictRules) return null;
        var bits = ContextBits(levels, contextFeatures);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (Matching(_unsupported, a, b, tokens) is var (feature, level))
            return new FeatureContribution(feature.Name, level, string.Create(inv, $"{feature.Levels[level]}, supported by context worth {bits:0.0} bits"), 0);
        if (Matching(_acronymOnly, a, b, tokens) is not var (acronym, at)) return null;
        var support = SameCountry(a, b) ? "supported by the same country " + a.Country
            : bits >= _options.StrongContextBits ? string.Create(inv, $"supported by context worth {bits:0.0} bits")
            : "without the same country or context: review at most";
        return new FeatureContribution(acronym.Name, at, $"{acronym.Levels[at]}, {support}", 0);
    }

    private static (IComparisonFeature Feature, int Level)? Matching((IComparisonFeature Feature, int[] Levels)[] rules, NameRecord a, NameRecord b, TokenStatistics tokens)
    {
        foreach (var (feature, levels) in rules)
        {
            var level = feature.Compare(a, b, tokens);
            if (Array.IndexOf(levels, level) >= 0) return (feature, level);
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
