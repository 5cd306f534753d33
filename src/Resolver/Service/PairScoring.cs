using Names.Resolver.Comparison;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;

namespace Names.Resolver.Service;

/// <summary>
/// Scores two stored variants as a candidate pair is scored (<see cref="EntityMatcher.ScorePair"/>), with the
/// registry's token statistics: why a pair was proposed, and re-scoring after a new model. The service's resolver holds
/// one; <c>names review</c> and <c>names train</c> load one from the registry alone (<see cref="LoadAsync"/>).
/// </summary>
public sealed class PairScoring
{
    internal PairScoring(EntityMatcher matcher, TokenStatistics tokens)
    {
        Matcher = matcher;
        Tokens = tokens;
    }

    public EntityMatcher Matcher { get; }
    public TokenStatistics Tokens { get; }
    /// <summary>Comparison records by variant id (shared with the resolver's candidate comparisons).</summary>
    internal ComparisonRecordCache Records { get; } = new();

    public PairScore Score(VariantRecord a, VariantRecord b) => Matcher.ScorePair(Records.Get(a), Records.Get(b), Tokens);

    /// <summary>The registry's model (<see cref="RegistryModel"/>) and the frequencies of the words of its variants' name keys.</summary>
    public static async Task<PairScoring> LoadAsync(IRegistryStore store, ResolutionOptions options, CancellationToken ct = default)
    {
        var matcher = new EntityMatcher(await RegistryModel.LoadAsync(store, ct), options);
        var tokens = new TokenStatistics();
        await foreach (var v in store.ReadVariantsAsync(ct)) tokens.Add(Words(v.NameKey));
        return new PairScoring(matcher, tokens);
    }

    /// <summary>The words a name key adds to the token statistics (the service's read model counts each variant's, as here).</summary>
    public static string[] Words(string nameKey) => nameKey.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
