namespace Names.Resolver.Comparison;

/// <summary>The ordered list of features a model was built on; a pair becomes one level per feature.</summary>
public sealed class ComparisonSet
{
    public ComparisonSet(IEnumerable<IComparisonFeature> features) => Features = features.ToArray();

    public IReadOnlyList<IComparisonFeature> Features { get; }

    /// <summary>Default features (one name ladder rather than several correlated ratios); one context-overlap feature per context column given.</summary>
    /// <summary>Every feature, for the supervised model (regularisation copes with correlated features).</summary>
    public static ComparisonSet CreateFull(IEnumerable<string>? contextColumns = null) => new(new IComparisonFeature[]
        {
            new NameSimilarityFeature(), new ExactKeyFeature(), FuzzyRatioFeature.TokenSet(), FuzzyRatioFeature.TokenSort(), FuzzyRatioFeature.Partial(),
            new JaroWinklerFeature(), new RareTokenOverlapFeature(), new DistinctiveTokenFeature(), new AcronymFeature(), new LegalFormFeature(), new CountryFeature(),
            new NumbersFeature(), new PersonNameFeature(),
        }.Concat((contextColumns ?? []).Select(c => new ContextOverlapFeature(c))));

    public static ComparisonSet CreateDefault(IEnumerable<string>? contextColumns = null)
    {
        var features = new List<IComparisonFeature>
        {
            new NameSimilarityFeature(), new RareTokenOverlapFeature(), new AcronymFeature(), new LegalFormFeature(), new CountryFeature(),
            new NumbersFeature(), new PersonNameFeature(),
        };
        foreach (var c in contextColumns ?? []) features.Add(new ContextOverlapFeature(c));
        return new ComparisonSet(features);
    }

    /// <summary>Rebuilds a set from stored feature names (model parameters).</summary>
    public static ComparisonSet FromNames(IEnumerable<string> names) => new(names.Select(n => n switch
    {
        "exact_key" => (IComparisonFeature)new ExactKeyFeature(),
        "name_similarity" => new NameSimilarityFeature(),
        "token_set_ratio" => FuzzyRatioFeature.TokenSet(),
        "token_sort_ratio" => FuzzyRatioFeature.TokenSort(),
        "partial_ratio" => FuzzyRatioFeature.Partial(),
        "jaro_winkler" => new JaroWinklerFeature(),
        "rare_token_overlap" => new RareTokenOverlapFeature(),
        "distinctive_token" => new DistinctiveTokenFeature(),
        "acronym" => new AcronymFeature(),
        "legal_form" => new LegalFormFeature(),
        "country" => new CountryFeature(),
        "numbers" => new NumbersFeature(),
        "person_name" => new PersonNameFeature(),
        _ when n.StartsWith("context:", StringComparison.Ordinal) => new ContextOverlapFeature(n["context:".Length..]),
        _ => throw new ArgumentException($"unknown comparison feature '{n}'"),
    }));

    public int[] Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        var levels = new int[Features.Count];
        for (int i = 0; i < levels.Length; i++) levels[i] = Features[i].Compare(a, b, statistics);
        return levels;
    }
}
