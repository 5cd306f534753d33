namespace Names.Resolver.Candidates;

/// <summary>
/// Finds known variants that may be the same party as a new name (the role Lucene would play): lookups by blocking
/// key, ranked by how many and how selective the shared keys are. Variants are identified by an int handle the caller
/// assigns.
/// </summary>
public interface ICandidateIndex
{
    void Add(int handle, IReadOnlyList<string> keys);

    /// <summary>At most <paramref name="limit"/> handles sharing a key; keys whose block exceeds the cap are ignored.</summary>
    IReadOnlyList<int> Find(IReadOnlyList<string> keys, int limit);

    int Count { get; }
}
