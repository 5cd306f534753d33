using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R7: diacritics are kept in the display and folded in keys (the tokenizer folds É->E, Ø->O, Ł->L, ß->SS, Æ->AE,
/// Œ->OE). German transcriptions (UE, OE, AE) are handled by alt_key, built in <see cref="GermanTranscription"/>,
/// never by rewriting the main key (SAMUEL keeps its key).
/// </summary>
internal sealed class R07Diacritics : NameRule
{
    public override string Id => "R7";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        bool transcription = false;
        foreach (var k in d.KeyTokens)
        {
            if (GermanTranscription.Contains(k)) { transcription = true; break; }
        }
        return d.Stats.DiacriticFolded || transcription;
    }
}
