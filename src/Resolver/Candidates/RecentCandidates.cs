namespace Names.Resolver.Candidates;

/// <summary>
/// The variants added to a <see cref="LuceneCandidateIndex"/> since its searcher was last reopened. Lucene sees a
/// document only after a reopen, which flushes a segment, so the index reopens every few thousand adds and searches
/// the ones in between here: an inverted map from term to variant ids, scored with the same BM25 formula. Not thread-safe:
/// the index guards it.
/// </summary>
internal sealed class RecentCandidates
{
    // Each posting carries the variant's number of terms in the field (BM25's document length), read for every posting scored.
    private readonly Dictionary<(int Field, string Term), List<(long Id, int Length)>> _postings = new();
    private readonly HashSet<long> _ids = new();
    private readonly long[] _totalLength = new long[LuceneCandidateIndex.FieldCount];

    public int Count => _ids.Count;

    public void Add(long id, IReadOnlyList<string>[] termsByField)
    {
        for (int f = 0; f < termsByField.Length; f++)
        {
            var length = termsByField[f].Count;
            _totalLength[f] += length;
            foreach (var term in termsByField[f])
            {
                if (!_postings.TryGetValue((f, term), out var list)) _postings[(f, term)] = list = new List<(long, int)>(1);
                list.Add((id, length));
            }
        }
        _ids.Add(id);
    }

    /// <summary>The recent variants holding the term, each with how many terms of <paramref name="field"/> it holds.</summary>
    public IReadOnlyList<(long Id, int Length)> Postings(int field, string term) => _postings.TryGetValue((field, term), out var list) ? list : [];

    public long TotalLength(int field) => _totalLength[field];

    public void Clear()
    {
        _postings.Clear();
        _ids.Clear();
        Array.Clear(_totalLength);
    }
}
