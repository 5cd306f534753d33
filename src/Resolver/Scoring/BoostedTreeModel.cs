using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Names.Resolver.Comparison;

namespace Names.Resolver.Scoring;

/// <summary>
/// The supervised model: boosted regression trees (ML.NET FastTree, Platt-calibrated) over the pair's comparison levels
/// (one ordinal input per feature, -1 = not comparable) and the log-odds the unsupervised Fellegi-Sunter model gives the
/// pair, so the trees start from what EM learnt and only have to correct it. Stored as the ML.NET model's bytes (base64)
/// beside the unsupervised model's parameters.
/// The probability is read from the trees (<see cref="TreeEnsembleEvaluator"/>); explanations go through ML.NET's
/// <c>PredictionEngine</c>, which is not thread-safe: each thread explains with its own.
/// </summary>
public sealed class BoostedTreeModel : IPairScorer, IDisposable
{
    public const string KindName = "boosted_trees";
    /// <summary>Name of the extra explanation line holding the unsupervised model's share.</summary>
    public const string UnsupervisedFeature = "unsupervised_log_odds";

    private readonly MLContext _ml = new(seed: 1);
    private readonly ITransformer _explainer;
    private readonly SchemaDefinition _schema;
    private readonly int[] _baseIndex;
    private readonly ThreadLocal<Engines> _engines;
    private readonly TreeEnsembleEvaluator _evaluator;

    /// <summary>Builds the model from the ML.NET model's bytes (what <see cref="BoostedTreeTrainer"/> produced).</summary>
    /// <exception cref="FormatException">the bytes are not a model of this shape</exception>
    public BoostedTreeModel(ComparisonSet comparisons, IPairScorer unsupervised, byte[] modelBytes)
    {
        Comparisons = comparisons;
        Unsupervised = unsupervised;
        ModelBytes = modelBytes;
        _baseIndex = BaseIndex(comparisons, unsupervised.Comparisons);
        _schema = RowSchema(Width);
        try
        {
            using var stream = new MemoryStream(modelBytes, writable: false);
            var chain = _ml.Model.Load(stream, out _) as TransformerChain<ITransformer>
                        ?? throw new FormatException("the stored model is not a chain of a predictor and its explainer");
            var parts = chain.ToArray();
            if (parts.Length != 2) throw new FormatException($"the stored model has {parts.Length} parts, expected 2");
            _explainer = chain;
            // Fails now, not on the first pair, when the model's input width differs from the features.
            _ml.Model.CreatePredictionEngine<PairRow, PairExplanation>(_explainer, inputSchemaDefinition: _schema).Dispose();
            _evaluator = TreeEnsembleEvaluator.From(parts[0]) ?? throw new FormatException("the stored model is not a Platt-calibrated FastTree model");
        }
        catch (Exception e) when (e is not FormatException and not OutOfMemoryException)
        {
            throw new FormatException($"the stored boosted-tree model cannot be loaded: {e.Message}", e);
        }
        _engines = new ThreadLocal<Engines>(() => new Engines(
            _ml.Model.CreatePredictionEngine<PairRow, PairExplanation>(_explainer, inputSchemaDefinition: _schema),
            new PairRow { Features = new float[Width] }, new int[_baseIndex.Length]));
    }

    public string Kind => KindName;
    public ComparisonSet Comparisons { get; }
    /// <summary>The Fellegi-Sunter model whose log-odds are an input (its features are a subset of <see cref="Comparisons"/>).</summary>
    public IPairScorer Unsupervised { get; }
    /// <summary>The ML.NET model (a zip: the calibrated FastTree predictor and its feature-contribution calculator).</summary>
    public byte[] ModelBytes { get; }
    /// <summary>Inputs: one per feature, then the unsupervised log-odds.</summary>
    public int Width => Comparisons.Features.Count + 1;

    /// <summary>The calibrated probability, read from the trees directly (hot path; ML.NET's prediction engine gives the same).</summary>
    public double Probability(IReadOnlyList<int> levels)
    {
        Span<float> features = stackalloc float[Width];
        Fill(levels, features, new int[_baseIndex.Length], _baseIndex, Unsupervised);
        return _evaluator.Probability(features);
    }

    /// <summary>The probability through ML.NET's prediction engine (what <see cref="Probability"/> must agree with).</summary>
    internal double EngineProbability(IReadOnlyList<int> levels)
    {
        var engines = _engines.Value!;
        Fill(levels, engines.Row.Features, engines.BaseLevels);
        return engines.Explainer.Predict(engines.Row).Probability;
    }

    /// <summary>
    /// Probability with one contribution per feature (its level's share of the trees' raw score, as ML.NET's feature
    /// contribution calculation gives it) and one for the unsupervised log-odds. Tree contributions rank the features;
    /// they do not add up to the score.
    /// </summary>
    public PairScore Score(IReadOnlyList<int> levels)
    {
        var engines = _engines.Value!;
        Fill(levels, engines.Row.Features, engines.BaseLevels);
        var output = engines.Explainer.Predict(engines.Row);
        var contributions = new FeatureContribution[levels.Count + 1];
        for (int f = 0; f < levels.Count; f++)
        {
            var feature = Comparisons.Features[f];
            var level = levels[f];
            contributions[f] = new FeatureContribution(feature.Name, level, level >= 0 ? feature.Levels[level] : "not comparable",
                level >= 0 ? Rounded(output.FeatureContributions[f]) : 0);
        }
        var logOdds = engines.Row.Features[^1];
        contributions[^1] = new FeatureContribution(UnsupervisedFeature, 0,
            string.Create(CultureInfo.InvariantCulture, $"{Unsupervised.Kind} log-odds {Rounded(logOdds):+0.0;-0.0;0.0}"), Rounded(output.FeatureContributions[^1]));
        return new PairScore(_evaluator.Probability(engines.Row.Features), 0, contributions);
    }

    /// <summary>To the shown precision, without a negative zero (which would print as "-+0.0").</summary>
    private static double Rounded(double x) => Math.Round(x, 3) + 0.0;

    /// <summary>The model's inputs for a pair: its levels, then the unsupervised model's natural log-odds.</summary>
    private void Fill(IReadOnlyList<int> levels, float[] features, int[] baseLevels) => Fill(levels, features, baseLevels, _baseIndex, Unsupervised);

    internal static void Fill(IReadOnlyList<int> levels, Span<float> features, int[] baseLevels, int[] baseIndex, IPairScorer unsupervised)
    {
        for (int f = 0; f < levels.Count; f++) features[f] = levels[f];
        for (int i = 0; i < baseIndex.Length; i++) baseLevels[i] = levels[baseIndex[i]];
        features[^1] = (float)LogOdds(unsupervised.Probability(baseLevels));
    }

    /// <summary>Log-odds of a probability, clamped so 0 and 1 stay finite.</summary>
    public static double LogOdds(double probability)
    {
        var p = Math.Clamp(probability, 1e-12, 1 - 1e-12);
        return Math.Log(p / (1 - p));
    }

    public string Serialize() => JsonSerializer.Serialize(new Parameters(KindName, Comparisons.Features.Select(f => f.Name).ToArray(),
        Unsupervised.Serialize(), Convert.ToBase64String(ModelBytes)));

    internal static BoostedTreeModel Deserialize(string json)
    {
        var p = JsonSerializer.Deserialize<Parameters>(json) ?? throw new FormatException("empty model");
        byte[] bytes;
        try { bytes = Convert.FromBase64String(p.Model); }
        catch (FormatException) { throw new FormatException("the stored boosted-tree model's bytes are not base64"); }
        return new BoostedTreeModel(ComparisonSet.FromNames(p.Features), PairScorerSerializer.Deserialize(p.Unsupervised), bytes);
    }

    public void Dispose() => _engines.Dispose();

    /// <summary>Index in <paramref name="all"/> of each feature of <paramref name="subset"/>, matched by name.</summary>
    internal static int[] BaseIndex(ComparisonSet all, ComparisonSet subset)
    {
        var names = all.Features.Select((f, i) => (f.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        return subset.Features.Select(f => names.TryGetValue(f.Name, out var i) ? i
            : throw new ArgumentException($"the unsupervised model's feature '{f.Name}' is not among the model's features")).ToArray();
    }

    internal static SchemaDefinition RowSchema(int width)
    {
        var schema = SchemaDefinition.Create(typeof(PairRow));
        schema[nameof(PairRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }

    /// <summary>One thread's engines and buffers.</summary>
    private sealed record Engines(PredictionEngine<PairRow, PairExplanation> Explainer, PairRow Row, int[] BaseLevels);

    internal sealed record Parameters(string Kind, string[] Features, string Unsupervised, string Model);
}

/// <summary>One pair as ML.NET reads it.</summary>
internal sealed class PairRow
{
    public bool Label { get; set; }
    public float[] Features { get; set; } = [];
}

internal sealed class PairExplanation
{
    public float Probability { get; set; }
    public float[] FeatureContributions { get; set; } = [];
}
