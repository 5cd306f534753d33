namespace Names.Resolver.Candidates;

/// <summary>
/// Finds known variants that may be the same party as a new name: a search over the variants' blocking keys, words
/// and character n-grams (<see cref="CandidateTerms"/>), best first. Variants are identified by an int handle the
/// caller assigns.
/// </summary>
public interface ICandidateIndex
{
    void Add(int handle, CandidateTerms terms);

    /// <summary>At most <paramref name="limit"/> handles, best first; equal scores keep the older (smaller) handle first.</summary>
    IReadOnlyList<int> Find(CandidateTerms terms, int limit);

    int Count { get; }
}
