using System.Text;
using Names.Normalization.Lexicon;
using Names.Normalization.Transliteration;

namespace Names.Normalization.Pipeline;

/// <summary>What a rule may use besides the draft: the shared immutable lexicon and this thread's scratch objects.</summary>
internal sealed class RuleContext
{
    public RuleContext(NormalizationLexicon lexicon, Romanizer romanizer)
    {
        Lexicon = lexicon;
        Romanizer = romanizer;
    }

    public NormalizationLexicon Lexicon { get; }
    public Romanizer Romanizer { get; }
    public StringBuilder Scratch { get; } = new(256);
    public StringBuilder Scratch2 { get; } = new(256);
    /// <summary>Reusable list for a rule that rebuilds the key tokens (R8).</summary>
    public List<string> KeyScratch { get; } = new(16);
    /// <summary>Reusable lists for R8's split of text written without spaces.</summary>
    public List<Text.ScriptWord> ScriptWords { get; } = new(8);
    public List<string> WordScratch { get; } = new(8);
}
