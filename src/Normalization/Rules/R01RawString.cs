using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>R1: keep the raw string verbatim; bound the work for huge inputs (the rest is derived from a prefix).</summary>
internal sealed class R01RawString : NameRule
{
    public const int MaxChars = 2000;
    public override string Id => "R1";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var raw = d.Raw;
        if (raw.Length > MaxChars)
        {
            int cut = MaxChars;
            if (char.IsHighSurrogate(raw[cut - 1])) cut--;
            d.Text = raw[..cut];
            d.Problem = $"name longer than {MaxChars} characters: cleaned from its first {cut} characters only";
        }
        else
        {
            d.Text = raw;
        }
        return true;
    }
}
