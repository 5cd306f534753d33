using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Names.Resolver.Candidates;

/// <summary>
/// Seek cursors over one searcher's segments, one per segment and field. Creating a TermsEnum costs several kilobytes
/// and a lookup seeks dozens of terms in every segment, so a thread keeps its cursors until the searcher changes
/// (<see cref="LuceneCandidateIndex"/> holds one per thread). Not thread-safe.
/// </summary>
internal sealed class SegmentTermCursors
{
    private readonly IndexReader _reader;
    private readonly string[] _fields;
    private readonly TermsEnum?[,] _cursors;
    private readonly bool[,] _opened;

    public SegmentTermCursors(IndexSearcher searcher, string[] fields)
    {
        _reader = searcher.IndexReader;
        _fields = fields;
        var leaves = searcher.TopReaderContext.Leaves.Count;
        _cursors = new TermsEnum?[leaves, fields.Length];
        _opened = new bool[leaves, fields.Length];
    }

    public bool IsFor(IndexSearcher searcher) => ReferenceEquals(searcher.IndexReader, _reader);

    /// <summary>Where the term is in each segment, with its document frequency summed (what a TermQuery needs).</summary>
    public TermContext Seek(IndexReaderContext top, int field, string text)
    {
        var context = new TermContext(top);
        var bytes = new BytesRef(text);
        foreach (var leaf in top.Leaves)
        {
            if (!_opened[leaf.Ord, field])
            {
                _opened[leaf.Ord, field] = true;
                _cursors[leaf.Ord, field] = leaf.AtomicReader.GetTerms(_fields[field])?.GetEnumerator();
            }
            var cursor = _cursors[leaf.Ord, field];
            if (cursor is not null && cursor.SeekExact(bytes)) context.Register(cursor.GetTermState(), leaf.Ord, cursor.DocFreq, cursor.TotalTermFreq);
        }
        return context;
    }
}
