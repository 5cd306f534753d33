namespace Names.Resolver.Candidates;

/// <summary>
/// Finds known variants that may be the same party as a new name: a search over the variants' blocking keys, words
/// and character n-grams (<see cref="CandidateTerms"/>), best first. Variants are identified by an int handle the
/// caller assigns.
/// </summary>
public interface ICandidateIndex
{
    void Add(long variantId, CandidateTerms terms);

    /// <summary>At most <paramref name="limit"/> variant ids, best first; equal scores keep the older (smaller) id first.</summary>
    IReadOnlyList<long> Find(CandidateTerms terms, int limit);

    int Count { get; }
}
