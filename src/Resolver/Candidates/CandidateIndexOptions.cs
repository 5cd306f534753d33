namespace Names.Resolver.Candidates;

/// <summary>How the candidate index weighs and bounds a lookup.</summary>
public sealed record CandidateIndexOptions
{
    /// <summary>Weight of a shared blocking key (compact key, prefix, skeleton, Soundex, initials, family name, context value).</summary>
    public float KeyBoost { get; init; } = 0.5f;
    /// <summary>Weight of a shared word of the cleaned or romanised name.</summary>
    public float WordBoost { get; init; } = 1.0f;
    /// <summary>Weight of a shared character n-gram; a name shares many, each says little.</summary>
    public float GramBoost { get; init; } = 0.3f;
    /// <summary>A variant's shared n-grams count only from this many on (or all of the name's, when it has fewer).</summary>
    public int MinSharedGrams { get; init; } = 3;
    /// <summary>Terms held by more variants are left out of a lookup: low BM25 weight, long posting walk.</summary>
    public int MaxTermDocs { get; init; } = 300;
    /// <summary>Adds between two reopens of the searcher (see <see cref="RecentCandidates"/>).</summary>
    public int RefreshEvery { get; init; } = 16_384;
}
