using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Names.Resolver.Candidates;

/// <summary>
/// The candidate index on Lucene.Net: one document per variant with its blocking keys as exact terms (field k), its
/// words (w) and the character n-grams of its words (n). A lookup is one BooleanQuery of SHOULD clauses over all of
/// them, ranked by BM25: sharing the compact key or a rare word weighs most, and a name whose keys all miss (a typo in
/// the first letters, a longer form) is still found by its words and n-grams. Terms held by more than
/// <see cref="CandidateIndexOptions.MaxTermDocs"/> variants say little and cost a long posting walk, so they are left
/// out of the query. One searcher is shared through a <see cref="SearcherManager"/>; variants added since its last
/// reopen are searched in <see cref="RecentCandidates"/>. Thread-safe: lookups run concurrently, adds one at a time.
/// Documents are identified by variant id. On disk (<see cref="CandidateIndexFolder"/>) it is derived state: each
/// commit records the registry, schema and last variant it holds, and an open catches up from there.
/// </summary>
public sealed class LuceneCandidateIndex : ICandidateIndex, IDisposable
{
    internal const int FieldCount = 3;
    private const int KeyField = 0, WordField = 1, GramField = 2;
    private static readonly string[] FieldNames = ["k", "w", "n"];
    /// <summary>The variant id: doc values to read a hit, an indexed number to delete what a commit must not keep.</summary>
    private const string IdField = "id";
    private const string RegistryData = "registry", SchemaData = "schema", CaughtUpData = "variants", TermsData = "terms";
    private const float K1 = 1.2f, B = 0.75f;

    /// <summary>Keys omit norms (no length normalisation: a key either matches or not); words and n-grams keep them.</summary>
    private static readonly FieldType KeyType = NewTermListType(omitNorms: true, IndexOptions.DOCS_ONLY);
    // Frequencies (always 1) so that BM25 knows the field's total length, and norms (each variant's length).
    private static readonly FieldType TextTermType = NewTermListType(omitNorms: false, IndexOptions.DOCS_AND_FREQS);

    private readonly Lucene.Net.Store.Directory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly BM25Similarity _similarity = new(K1, B);
    private readonly RecentCandidates _recent = new();
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly ThreadLocal<SegmentTermCursors?> _cursors = new();
    private readonly CandidateIndexOptions _options;
    private readonly CandidateIndexStamp? _stamp;
    /// <summary>The directory of a process-private index (<see cref="CandidateIndexFolder.OpenTemporary"/>), deleted on dispose.</summary>
    internal string? TemporaryPath { get; }
    private readonly float[] _boosts;
    /// <summary>One field and token stream per field name, reused for each added document (under the write lock).</summary>
    private readonly TermListTokenStream[] _streams = [new(), new(), new()];
    private readonly Field[] _fields;
    private int _count;

    internal LuceneCandidateIndex(Lucene.Net.Store.Directory directory, CandidateIndexOptions options, CandidateIndexStamp? stamp = null, string? temporaryPath = null)
    {
        _directory = directory;
        _stamp = stamp;
        TemporaryPath = temporaryPath;
        _options = options;
        _boosts = [options.KeyBoost, options.WordBoost, options.GramBoost];
        _fields = [new Field(FieldNames[KeyField], _streams[KeyField], KeyType), new Field(FieldNames[WordField], _streams[WordField], TextTermType),
                   new Field(FieldNames[GramField], _streams[GramField], TextTermType)];
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer: null)
        {
            Similarity = _similarity,
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = 32,
            // Adjacent segments only: documents keep the order they were added in, so equal scores rank the same on every run.
            MergePolicy = new LogByteSizeMergePolicy { MergeFactor = 5 }, // fewer segments for each lookup to seek in
        };
        _writer = new IndexWriter(directory, config);
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25SearcherFactory(_similarity));
        _count = _writer.NumDocs;
        var data = _writer.CommitData;
        CaughtUp = data is not null && data.TryGetValue(CaughtUpData, out var text) && long.TryParse(text, out var id) ? id : 0;
    }

    /// <summary>
    /// The registry's variants up to this id are in the index as of its last commit (0 for a new or in-memory index).
    /// Documents of later variants may be there too (added after that commit's data was set): <see cref="RollBack"/>.
    /// </summary>
    public long CaughtUp { get; private set; }

    /// <summary>Reads the registry id and schema an index directory was committed for, and the version of the terms it holds (<see cref="CandidateTerms.Version"/>).</summary>
    internal static (string? Registry, int Schema, int Terms) ReadStamp(IDictionary<string, string> data) =>
        (data.TryGetValue(RegistryData, out var r) ? r : null,
         data.TryGetValue(SchemaData, out var s) && int.TryParse(s, out var schema) ? schema : -1,
         data.TryGetValue(TermsData, out var t) && int.TryParse(t, out var terms) ? terms : 1);

    /// <summary>
    /// Makes the index hold the registry's variants up to <paramref name="variantId"/> durably (a no-op in memory).
    /// Call once those variants are committed to the registry: a kill before or during this commit leaves the previous
    /// commit, from which the next open catches up. Safe beside lookups and adds.
    /// </summary>
    public void Commit(long variantId)
    {
        CaughtUp = variantId;
        if (_stamp is null) return;
        _writer.SetCommitData(new Dictionary<string, string>
        {
            [RegistryData] = _stamp.RegistryId, [SchemaData] = _stamp.Schema.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [CaughtUpData] = variantId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [TermsData] = CandidateTerms.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _writer.Commit();
    }

    /// <summary>Removes the variants after <paramref name="variantId"/> (left by a run killed after its index commit, or a resumed run's own).</summary>
    public void RollBack(long variantId)
    {
        _lock.EnterWriteLock();
        try
        {
            _writer.DeleteDocuments(NumericRangeQuery.NewInt64Range(IdField, variantId + 1, null, true, true));
            Reopen();
            _count = _writer.NumDocs;
            CaughtUp = Math.Min(CaughtUp, variantId);
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>
    /// Removes the variants (an erased person's, issue 16) so that nothing of their names is left in the index files:
    /// a deleted document stays in its segment until merged away, so the segments holding deletions are merged (the
    /// merge policy merges every segment with a deletion) and, on disk, committed, which deletes the old segment files.
    /// </summary>
    public void Remove(IReadOnlyCollection<long> variantIds)
    {
        if (variantIds.Count == 0) return;
        _lock.EnterWriteLock();
        try
        {
            foreach (var chunk in variantIds.Chunk(512))
                _writer.DeleteDocuments(chunk.Select(id => (Query)NumericRangeQuery.NewInt64Range(IdField, id, id, true, true)).ToArray());
            _writer.ForceMergeDeletes(doWait: true);
            Reopen();
            _count = _writer.NumDocs;
        }
        finally { _lock.ExitWriteLock(); }
        if (_stamp is not null) Commit(CaughtUp);
    }

    /// <summary>How many of these variants the index holds (`names verify` expects 0 for erased ones).</summary>
    public int Holding(IReadOnlyCollection<long> variantIds)
    {
        _searchers.MaybeRefreshBlocking();
        var searcher = _searchers.Acquire();
        try { return variantIds.Sum(id => searcher.Search(NumericRangeQuery.NewInt64Range(IdField, id, id, true, true), 1).TotalHits); }
        finally { _searchers.Release(searcher); }
    }

    /// <summary>An index held in memory for one run or one evaluation.</summary>
    public static LuceneCandidateIndex InMemory(CandidateIndexOptions? options = null) => new(new RAMDirectory(), options ?? new CandidateIndexOptions());

    public int Count => Volatile.Read(ref _count);

    public void Add(long variantId, CandidateTerms terms)
    {
        var byField = new IReadOnlyList<string>[] { terms.Keys.Distinct().ToList(), terms.Words, terms.Grams() };
        _lock.EnterWriteLock();
        try
        {
            var doc = new Document { new NumericDocValuesField(IdField, variantId), new Int64Field(IdField, variantId, Field.Store.NO) };
            for (int f = 0; f < FieldCount; f++)
            {
                if (byField[f].Count == 0) continue; // no field at all, as without values: no norm, not counted in the field's documents
                _streams[f].SetTerms(byField[f]);
                doc.Add(_fields[f]);
            }
            _writer.AddDocument(doc);
            _recent.Add(variantId, byField);
            _count++;
            if (_recent.Count >= _options.RefreshEvery) Reopen();
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>
    /// Merges the index into one segment and makes every variant added so far searchable through Lucene's postings (after
    /// loading a registry). A lookup seeks each of its terms once per segment, and a registry loaded in flushes of
    /// <see cref="CandidateIndexOptions.RefreshEvery"/> leaves a dozen segments at a million variants; up to that many
    /// variants would otherwise stay in <see cref="RecentCandidates"/>, whose dictionaries cost more per posting. Merges
    /// keep the documents' order, so rankings and ties are unchanged.
    /// </summary>
    public void Compact()
    {
        _lock.EnterWriteLock();
        try
        {
            _writer.ForceMerge(1);
            Reopen();
        }
        finally { _lock.ExitWriteLock(); }
    }

    private void Reopen()
    {
        _searchers.MaybeRefreshBlocking();
        _recent.Clear();
    }

    public IReadOnlyList<long> Find(CandidateTerms terms, int limit)
    {
        if (limit <= 0 || terms.IsEmpty) return [];
        var byField = new[] { terms.Keys.Distinct().ToList(), terms.Words, terms.Grams() };
        _lock.EnterReadLock();
        var searcher = _searchers.Acquire();
        try { return Search(searcher, byField, limit); }
        finally
        {
            _searchers.Release(searcher);
            _lock.ExitReadLock();
        }
    }

    private List<long> Search(IndexSearcher searcher, IReadOnlyList<string>[] byField, int limit)
    {
        var reader = searcher.IndexReader;
        long indexed = reader.MaxDoc, all = indexed + _recent.Count;
        var cursors = _cursors.Value;
        if (cursors is null || !cursors.IsFor(searcher)) _cursors.Value = cursors = new SegmentTermCursors(searcher, FieldNames, K1, B);
        var scores = cursors.Scores;
        scores.Clear();
        var recentScores = cursors.RecentScores;
        var recentGrams = cursors.RecentGrams;
        recentScores.Clear();
        recentGrams.Clear();
        int clauses = 0, usableGrams = 0;
        for (int f = 0; f < FieldCount; f++)
        {
            var avgLength = AverageLength(searcher, f, all);
            foreach (var text in byField[f])
            {
                if (clauses == BooleanQuery.MaxClauseCount) break;
                var indexedFreq = cursors.Seek(f, text);
                var recent = _recent.Postings(f, text);
                long docFreq = indexedFreq + recent.Count;
                if (docFreq == 0 || docFreq > _options.MaxTermDocs) continue;
                if (f == GramField) usableGrams++;
                if (indexedFreq > 0)
                {
                    // BM25Similarity's weight in its float arithmetic, so that scores (and ties) are those of a TermQuery.
                    var idf = (float)Math.Log(1 + (indexed - indexedFreq + 0.5D) / (indexedFreq + 0.5D));
                    cursors.Add(f, idf * _boosts[f] * (K1 + 1), f == GramField);
                    clauses++;
                }
                if (recent.Count == 0) continue;
                // As BM25Similarity scores a document with the term once: idf * boost * (k1 + 1) / (1 + norm).
                var weight = Math.Log(1 + (all - docFreq + 0.5) / (docFreq + 0.5)) * _boosts[f] * (K1 + 1);
                foreach (var (id, length) in recent)
                {
                    var norm = f == KeyField ? K1 : K1 * (1 - B + B * length / avgLength);
                    if (f != GramField) recentScores[id] = recentScores.GetValueOrDefault(id) + weight / (1 + norm);
                    else
                    {
                        var (count, score) = recentGrams.GetValueOrDefault(id);
                        recentGrams[id] = (count + 1, score + weight / (1 + norm));
                    }
                }
            }
        }
        // Grams count only when a variant shares enough of them: one or two shared trigrams are chance (VENTURES / VALVES share ES_).
        var minimumGrams = Math.Min(_options.MinSharedGrams, usableGrams);
        foreach (var (id, (count, score)) in recentGrams)
            if (count >= minimumGrams) recentScores[id] = recentScores.GetValueOrDefault(id) + score;
        // The best `limit` indexed documents, ties to the older (lower) document, as Lucene's in-order collector keeps them.
        var best = cursors.Best ??= new PriorityQueue<int, (float Score, int Key)>(limit + 1, WorstFirst<int>.Instance);
        best.Clear();
        foreach (var (doc, entry) in scores)
        {
            var score = entry.Score;
            if (entry.Grams > 0 && entry.Grams >= minimumGrams) score += (float)entry.GramScore;
            if (score <= 0) continue;
            var key = ((float)score, doc);
            if (best.Count < limit) best.Enqueue(doc, key);
            else if (best.TryPeek(out _, out var worst) && WorstFirst<int>.Instance.Compare(key, worst) > 0) best.EnqueueDequeue(doc, key);
        }
        var ranked = new List<(long Id, double Score)>(2 * limit);
        while (best.TryDequeue(out var doc, out var key)) ranked.Add((cursors.VariantId(doc, IdField), key.Score));
        // The recent variants' best `limit` too (ties to the lower id, as the sort below): a lookup may score thousands.
        var recentBest = cursors.RecentBest ??= new PriorityQueue<long, (float Score, long Key)>(limit + 1, WorstFirst<long>.Instance);
        recentBest.Clear();
        foreach (var (id, recentScore) in recentScores)
        {
            var key = ((float)recentScore, id);
            if (recentBest.Count < limit) recentBest.Enqueue(id, key);
            else if (recentBest.TryPeek(out _, out var worst) && WorstFirst<long>.Instance.Compare(key, worst) > 0) recentBest.EnqueueDequeue(id, key);
        }
        while (recentBest.TryDequeue(out var id, out var key)) ranked.Add((id, key.Score));
        ranked.Sort((x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Id.CompareTo(y.Id));
        var result = new List<long>(Math.Min(limit, ranked.Count));
        for (int i = 0; i < ranked.Count && result.Count < limit; i++) result.Add(ranked[i].Id);
        return result;
    }

    /// <summary>Lower score first, and among equal scores the later document or variant first (it goes before the older one).</summary>
    private sealed class WorstFirst<T> : IComparer<(float Score, T Key)> where T : IComparable<T>
    {
        public static readonly WorstFirst<T> Instance = new();
        public int Compare((float Score, T Key) x, (float Score, T Key) y) => x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Key.CompareTo(x.Key);
    }

    /// <summary>Average number of terms a variant holds in the field, over the indexed and the recent variants (BM25's avgdl).</summary>
    private double AverageLength(IndexSearcher searcher, int field, long all)
    {
        if (field == KeyField || all == 0) return 1;
        var stats = searcher.CollectionStatistics(FieldNames[field]);
        var total = Math.Max(0, stats?.SumTotalTermFreq ?? 0) + _recent.TotalLength(field);
        return total <= 0 ? 1 : (double)total / all;
    }

    /// <summary>How many variants with ids up to <paramref name="variantId"/> the index holds (what `names verify` compares).</summary>
    public int CountUpTo(long variantId)
    {
        _searchers.MaybeRefreshBlocking();
        var searcher = _searchers.Acquire();
        try { return searcher.Search(NumericRangeQuery.NewInt64Range(IdField, null, variantId, true, true), 1).TotalHits; }
        finally { _searchers.Release(searcher); }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        if (TemporaryPath is null) _writer.Dispose();
        else _writer.Rollback(); // closes it without a commit: the files go with the directory
        _directory.Dispose();
        _lock.Dispose();
        _cursors.Dispose();
        if (TemporaryPath is not null) CandidateIndexFolder.DeleteTemporary(TemporaryPath);
    }

    private static FieldType NewTermListType(bool omitNorms, IndexOptions options)
    {
        // The terms come from a TermListTokenStream: tokenized as far as Lucene sees, one term per value.
        var type = new FieldType { IsIndexed = true, IsTokenized = true, OmitNorms = omitNorms, IndexOptions = options };
        type.Freeze();
        return type;
    }

    private sealed class Bm25SearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
