using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Names.Resolver.Comparison;

namespace Names.Resolver.Scoring;

/// <summary>
/// Fits a <see cref="BoostedTreeModel"/> on labelled pairs with ML.NET's FastTree (binary classification, Platt
/// calibration fitted on the training pairs). Deterministic: a fixed seed and one thread.
/// </summary>
public sealed class BoostedTreeTrainer
{
    /// <summary>Fewer labelled pairs than this are refused: a few trees over a handful of pairs only memorise them.</summary>
    public const int MinimumPairs = 20;

    public BoostedTreeTrainer(ComparisonSet comparisons, IPairScorer unsupervised)
    {
        if (unsupervised is not FellegiSunterModel)
            throw new ArgumentException($"the unsupervised input must be a Fellegi-Sunter model, not {unsupervised.Kind}", nameof(unsupervised));
        Comparisons = comparisons;
        Unsupervised = unsupervised;
    }

    public ComparisonSet Comparisons { get; }
    public IPairScorer Unsupervised { get; }
    /// <summary>Trees, leaves and learning rate chosen on namebench cross-validation (seeds 1-3); more trees cost scoring time.</summary>
    public int Trees { get; init; } = 100;
    public int Leaves { get; init; } = 8;
    public double LearningRate { get; init; } = 0.1;
    /// <summary>Upper bound of the examples a leaf needs; fewer on small training sets (a twentieth of them).</summary>
    public int MinimumExamplesPerLeaf { get; init; } = 10;
    public int Seed { get; init; } = 1;

    /// <summary>
    /// The features a supervised model uses: the default ones (<see cref="ComparisonSet.CreateDefault"/>, one
    /// context-overlap feature per context column the unsupervised model does not already compare), the person-name parts
    /// (family and given name, their alignment, the name conflict rule), the organisation word alignment, Jaro-Winkler,
    /// and the unsupervised model's own features that are not among them, so its log-odds can be computed from the same
    /// levels. The FuzzySharp ratios of <see cref="ComparisonSet.CreateFull"/> are left out: on namebench they add
    /// +0.003 F1 (5-fold, seeds 1-3) for about twice the comparison time.
    /// </summary>
    public static ComparisonSet FeaturesFor(IPairScorer unsupervised, IEnumerable<string>? contextColumns = null)
    {
        var own = unsupervised.Comparisons.Features;
        var compared = own.Select(ContextColumn).Where(c => c is not null).ToHashSet(StringComparer.Ordinal);
        var chosen = ComparisonSet.CreateDefault((contextColumns ?? []).Where(c => !compared.Contains(c))).Features
            .Concat([new FamilyNameFeature(), new GivenNameFeature(), PartAlignmentFeature.Persons(), new NameConflictFeature(),
                PartAlignmentFeature.Organisations(), new JaroWinklerFeature()]).ToList();
        var names = chosen.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return new ComparisonSet(chosen.Concat(own.Where(f => !names.Contains(f.Name))));
    }

    private static string? ContextColumn(IComparisonFeature f) => f switch
    {
        ContextOverlapFeature o => o.Column,
        DateContextFeature d => d.Column,
        ContextTextFeature t => t.Column,
        _ => null,
    };

    /// <summary>Why these examples cannot be fitted (null when they can): too few, or one class only.</summary>
    public static string? Problem(IReadOnlyCollection<bool> labels)
    {
        if (labels.Count < MinimumPairs) return $"{labels.Count:N0} labelled pairs are too few to fit a model: at least {MinimumPairs} are needed";
        int matches = labels.Count(x => x);
        if (matches == 0 || matches == labels.Count)
            return $"all {labels.Count:N0} labelled pairs say the same ({(matches > 0 ? "match" : "no match")}): both kinds are needed";
        return null;
    }

    /// <summary>Examples are levels under <see cref="Comparisons"/> with the label (true = same entity).</summary>
    /// <exception cref="TrainingDataException">the examples cannot be fitted (<see cref="Problem"/>)</exception>
    public BoostedTreeModel Train(IReadOnlyList<(int[] Levels, bool IsMatch)> examples)
    {
        if (Problem(examples.Select(e => e.IsMatch).ToList()) is { } problem) throw new TrainingDataException(problem);
        var ml = new MLContext(Seed);
        var width = Comparisons.Features.Count + 1;
        var baseIndex = BoostedTreeModel.BaseIndex(Comparisons, Unsupervised.Comparisons);
        var rows = new List<PairRow>(examples.Count);
        foreach (var (levels, isMatch) in examples)
        {
            var features = new float[width];
            BoostedTreeModel.Fill(levels, features, new int[baseIndex.Length], baseIndex, Unsupervised);
            rows.Add(new PairRow { Label = isMatch, Features = features });
        }
        var data = ml.Data.LoadFromEnumerable(rows, BoostedTreeModel.RowSchema(width));
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = Trees,
            NumberOfLeaves = Leaves,
            LearningRate = LearningRate,
            MinimumExampleCountPerLeaf = Math.Clamp(examples.Count / 20, 1, MinimumExamplesPerLeaf),
            NumberOfThreads = 1,
            Seed = Seed,
            FeatureFraction = 1,
        });
        var predictor = trainer.Fit(data);
        var explainer = ml.Transforms.CalculateFeatureContribution(predictor, numberOfPositiveContributions: width, numberOfNegativeContributions: width, normalize: false)
            .Fit(predictor.Transform(data));
        var chain = new TransformerChain<ITransformer>(predictor, explainer);
        using var stream = new MemoryStream();
        ml.Model.Save(chain, data.Schema, stream);
        return new BoostedTreeModel(Comparisons, Unsupervised, WithoutTimestamps(stream.ToArray()));
    }

    /// <summary>The zip ML.NET wrote, each entry dated 1980-01-01: the same pairs and seed then give the same bytes.</summary>
    private static byte[] WithoutTimestamps(byte[] zip)
    {
        using var input = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in input.Entries)
            {
                var copy = archive.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        return output.ToArray();
    }
}
