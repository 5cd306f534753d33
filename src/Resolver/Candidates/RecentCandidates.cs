namespace Names.Resolver.Candidates;

/// <summary>
/// The variants added to a <see cref="LuceneCandidateIndex"/> since its searcher was last reopened. Lucene sees a
/// document only after a reopen, which flushes a segment, so the index reopens every few thousand adds and searches
/// the ones in between here: an inverted map from term to variant ids, scored with the same BM25 formula. Not thread-safe:
/// the index guards it.
/// </summary>
internal sealed class RecentCandidates
{
    private readonly Dictionary<(int Field, string Term), List<long>> _postings = new();
    private readonly Dictionary<long, int[]> _lengths = new();
    private readonly long[] _totalLength = new long[LuceneCandidateIndex.FieldCount];

    public int Count => _lengths.Count;

    public void Add(long id, IReadOnlyList<string>[] termsByField)
    {
        var lengths = new int[termsByField.Length];
        for (int f = 0; f < termsByField.Length; f++)
        {
            lengths[f] = termsByField[f].Count;
            _totalLength[f] += lengths[f];
            foreach (var term in termsByField[f])
            {
                if (!_postings.TryGetValue((f, term), out var list)) _postings[(f, term)] = list = new List<long>(1);
                list.Add(id);
            }
        }
        _lengths[id] = lengths;
    }

    public IReadOnlyList<long> Postings(int field, string term) => _postings.TryGetValue((field, term), out var list) ? list : [];

    /// <summary>How many terms of <paramref name="field"/> the recent variant holds.</summary>
    public int Length(long id, int field) => _lengths[id][field];

    public long TotalLength(int field) => _totalLength[field];

    public void Clear()
    {
        _postings.Clear();
        _lengths.Clear();
        Array.Clear(_totalLength);
    }
}
