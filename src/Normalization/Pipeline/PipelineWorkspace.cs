using Names.Normalization.Lexicon;
using Names.Normalization.Transliteration;

namespace Names.Normalization.Pipeline;

/// <summary>
/// Per-thread scratch state of the pipeline: reusable drafts, buffers and the thread's ICU transliterators.
/// Owned by one thread at a time (the normaliser keeps one per thread).
/// </summary>
internal sealed class PipelineWorkspace : IDisposable
{
    private readonly List<PartyDraft> _drafts = new();
    private int _used;

    public PipelineWorkspace(NormalizationLexicon lexicon, Romanizer romanizer)
    {
        Context = new RuleContext(lexicon, romanizer);
        NextDraft = Take;
    }

    public RuleContext Context { get; }
    public FiredRuleLists FiredRuleLists { get; } = new();
    public List<PartyDraft> Parties { get; } = new();
    public Func<PartyDraft> NextDraft { get; }

    public PartyDraft Begin(NameInput input)
    {
        _used = 0;
        var d = Take();
        d.Reset(input);
        return d;
    }

    private PartyDraft Take()
    {
        if (_used == _drafts.Count) _drafts.Add(new PartyDraft());
        return _drafts[_used++];
    }

    public void Dispose() => Context.Romanizer.Dispose();
}
