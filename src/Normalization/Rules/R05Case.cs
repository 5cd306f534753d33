using Names.Normalization.Pipeline;
using Names.Normalization.Text;

namespace Names.Normalization.Rules;

/// <summary>
/// R5: keys are upper-case after case folding (the tokenizer folds each word's key form); the display keeps the
/// filed case. Builds the key tokens: FAMILY then GIVEN for persons, the remaining core words otherwise.
/// </summary>
internal sealed class R05Case : NameRule
{
    public override string Id => "R5";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        d.KeyTokens.Clear();
        if (d.IsPerson && (d.Family.Count > 0 || d.Given.Count > 0))
        {
            foreach (var t in d.Family) Add(d, t);
            foreach (var t in d.Given) Add(d, t);
        }
        else
        {
            foreach (var t in d.Tokens) Add(d, t);
        }
        return d.Stats.CaseChanged;
    }

    private static void Add(PartyDraft d, in NameToken t)
    {
        if (t.Match.Length > 0) d.KeyTokens.Add(t.Match);
    }
}
