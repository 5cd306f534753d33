using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R6: punctuation. The tokenizer already turned dashes, slashes and commas into word breaks and dropped
/// abbreviation periods and apostrophes (S.P.A. -> SPA, TRI-STAR -> TRI STAR); here runs of single letters written
/// apart in organisation names join (D S M -> DSM) so that name_key and compact_key agree.
/// </summary>
internal sealed class R06Punctuation : NameRule
{
    public override string Id => "R6";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        bool fired = d.Stats.PunctuationRemoved;
        if (d.IsPerson) return fired;
        var keys = d.KeyTokens;
        for (int i = 0; i + 1 < keys.Count; i++)
        {
            if (!IsLetter(keys[i]) || !IsLetter(keys[i + 1])) continue;
            int j = i + 1;
            while (j < keys.Count && IsLetter(keys[j])) j++;
            keys[i] = string.Concat(keys.GetRange(i, j - i));
            keys.RemoveRange(i + 1, j - i - 1);
            fired = true;
        }
        return fired;
    }

    private static bool IsLetter(string s) => s.Length == 1 && char.IsAsciiLetter(s[0]);
}
