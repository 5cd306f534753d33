using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Names.Resolver.Candidates;

/// <summary>
/// The terms of one field of a variant as one token stream, reused for every document: one Lucene field per term
/// (what a StringField per value does) creates a token stream with its attribute maps per term and document.
/// Not thread-safe: the index adds one document at a time.
/// </summary>
internal sealed class TermListTokenStream : TokenStream
{
    private readonly ICharTermAttribute _term;
    private IReadOnlyList<string> _terms = [];
    private int _next;

    public TermListTokenStream() => _term = AddAttribute<ICharTermAttribute>();

    /// <summary>The terms the next document's field holds (each once).</summary>
    public void SetTerms(IReadOnlyList<string> terms)
    {
        _terms = terms;
        _next = 0;
    }

    public override bool IncrementToken()
    {
        if (_next >= _terms.Count) return false;
        ClearAttributes();
        _term.SetEmpty().Append(_terms[_next++]);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _next = 0;
    }
}
