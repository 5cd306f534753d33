using System.Runtime.InteropServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Names.Resolver.Candidates;

/// <summary>
/// One thread's cursors over one searcher's segments: a TermsEnum and a DocsEnum per segment and field, the segments'
/// norms and variant ids, and a score per document. A lookup seeks each term in every segment and adds its BM25 weight
/// to the documents of its postings, as Lucene's TermQuery would, without building a query, weights and scorers per
/// term and segment (those were most of a lookup's CPU and allocations). A thread keeps its cursors until the searcher
/// changes (<see cref="LuceneCandidateIndex"/> holds one per thread). Not thread-safe.
/// </summary>
internal sealed class SegmentTermCursors
{
    /// <summary>A document's score so far: from keys and words, and from n-grams apart (they count only from a minimum number on).</summary>
    public struct Accumulated
    {
        public double Score, GramScore;
        public int Grams;
    }

    private readonly IndexSearcher _searcher;
    private readonly IList<AtomicReaderContext> _leaves;
    private readonly string[] _fields;
    private readonly TermsEnum?[,] _terms;
    private readonly DocsEnum?[,] _docs;
    private readonly bool[,] _opened;
    private readonly bool[] _matched;
    private readonly NumericDocValues?[,] _norms;
    private readonly NumericDocValues?[] _ids;
    private readonly float[][] _lengthNorms;
    private readonly BytesRef _bytes = new(16);
    private readonly float _k1;

    public SegmentTermCursors(IndexSearcher searcher, string[] fields, float k1, float b)
    {
        _searcher = searcher;
        _k1 = k1;
        _fields = fields;
        _leaves = searcher.TopReaderContext.Leaves;
        _terms = new TermsEnum?[_leaves.Count, fields.Length];
        _docs = new DocsEnum?[_leaves.Count, fields.Length];
        _opened = new bool[_leaves.Count, fields.Length];
        _matched = new bool[_leaves.Count];
        _norms = new NumericDocValues?[_leaves.Count, fields.Length];
        _ids = new NumericDocValues?[_leaves.Count];
        _lengthNorms = new float[fields.Length][];
        for (int f = 0; f < fields.Length; f++) _lengthNorms[f] = LengthNorms(searcher, fields[f], k1, b);
    }

    /// <summary>The documents scored by the current lookup.</summary>
    public Dictionary<int, Accumulated> Scores { get; } = new();

    /// <summary>The current lookup's scores of the variants added since the searcher's reopen (see <see cref="RecentCandidates"/>).</summary>
    public Dictionary<long, double> RecentScores { get; } = new();
    public Dictionary<long, (int Count, double Score)> RecentGrams { get; } = new();
    /// <summary>The current lookup's best indexed documents.</summary>
    public PriorityQueue<int, (float Score, int Key)>? Best { get; set; }
    public PriorityQueue<long, (float Score, long Key)>? RecentBest { get; set; }

    public bool IsFor(IndexSearcher searcher) => ReferenceEquals(searcher, _searcher);

    /// <summary>Positions every segment's cursor on the term; returns how many documents hold it.</summary>
    public int Seek(int field, string text)
    {
        UnicodeUtil.UTF16toUTF8(text, 0, text.Length, _bytes);
        int docFreq = 0;
        for (int s = 0; s < _leaves.Count; s++)
        {
            if (!_opened[s, field])
            {
                _opened[s, field] = true;
                _terms[s, field] = _leaves[s].AtomicReader.GetTerms(_fields[field])?.GetEnumerator();
                _norms[s, field] = _leaves[s].AtomicReader.GetNormValues(_fields[field]);
            }
            var cursor = _terms[s, field];
            _matched[s] = cursor is not null && cursor.SeekExact(_bytes);
            if (_matched[s]) docFreq += cursor!.DocFreq;
        }
        return docFreq;
    }

    /// <summary>
    /// Adds the term the cursors were last <see cref="Seek"/>ed to to its documents' scores, as BM25Similarity scores a
    /// document holding it once: weight / (1 + length norm), weight = idf * boost * (k1 + 1).
    /// </summary>
    public void Add(int field, float weight, bool gram)
    {
        var lengthNorms = _lengthNorms[field];
        for (int s = 0; s < _leaves.Count; s++)
        {
            if (!_matched[s]) continue;
            var leaf = _leaves[s];
            var docs = _docs[s, field] = _terms[s, field]!.Docs(leaf.AtomicReader.LiveDocs, _docs[s, field], DocsFlags.NONE);
            var norms = _norms[s, field];
            for (int doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
            {
                var score = weight / (1 + (norms is null ? _k1 : lengthNorms[(byte)norms.Get(doc)]));
                ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(Scores, leaf.DocBase + doc, out _);
                if (gram) { entry.GramScore += score; entry.Grams++; }
                else entry.Score += score;
            }
        }
    }

    /// <summary>The variant id of a document (by its index-wide number).</summary>
    public long VariantId(int doc, string idField)
    {
        var s = ReaderUtil.SubIndex(doc, _leaves);
        var ids = _ids[s] ??= _leaves[s].AtomicReader.GetNumericDocValues(idField);
        return ids.Get(doc - _leaves[s].DocBase);
    }

    /// <summary>
    /// k1 * (1 - b + b * length / average length) for each encoded norm, as BM25Similarity computes it (one table for
    /// all segments: the statistics are the searcher's). A field without norms (the keys) is k1 alone.
    /// </summary>
    private static float[] LengthNorms(IndexSearcher searcher, string field, float k1, float b)
    {
        var stats = searcher.CollectionStatistics(field);
        var sum = stats?.SumTotalTermFreq ?? -1;
        var maxDoc = stats?.MaxDoc ?? 0;
        var avgLength = sum <= 0 || maxDoc == 0 ? 1f : (float)(sum / (double)maxDoc);
        var table = new float[256];
        for (int i = 0; i < 256; i++)
        {
            var f = SmallSingle.Byte315ToSingle((byte)i);
            var length = 1.0f / (f * f);
            table[i] = k1 * ((1 - b) + b * length / avgLength);
        }
        return table;
    }
}
