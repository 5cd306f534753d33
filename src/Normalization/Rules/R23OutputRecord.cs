using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R23: the output record. Builds name_key (tokens, one space), compact_key (letters and digits only) and alt_key,
/// and freezes the draft into a <see cref="Party"/>. Same input and ruleset version give the same record.
/// </summary>
internal sealed class R23OutputRecord : NameRule
{
    public override string Id => "R23";

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndDigits =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var sb = context.Scratch.Clear();
        var compact = context.Scratch2.Clear();
        foreach (var k in d.KeyTokens)
        {
            if (k.Length == 0) continue;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(k);
            if (!k.AsSpan().ContainsAnyExcept(AsciiLettersAndDigits))
            {
                compact.Append(k); // most key words: every character kept, no per-character test
                continue;
            }
            for (var i = 0; i < k.Length; i++)
            {
                // A supplementary letter (extension-plane ideograph) is two UTF-16 units, kept or dropped together.
                if (char.IsHighSurrogate(k[i]) && i + 1 < k.Length && char.IsLowSurrogate(k[i + 1]))
                {
                    if (System.Text.Rune.IsLetterOrDigit(new System.Text.Rune(k[i], k[i + 1]))) compact.Append(k[i]).Append(k[i + 1]);
                    i++;
                }
                else if (char.IsLetterOrDigit(k[i])) compact.Append(k[i]);
            }
        }
        d.NameKey = sb.ToString();
        d.CompactKey = compact.ToString();
        d.AltKey = GermanTranscription.AltKey(d.CompactKey);
        if (d.CompactKey.Length == 0 && d.Problem.Length == 0) d.Problem = "no letters or digits";
        return true;
    }

    public static Party ToParty(PartyDraft d, FiredRuleLists ruleLists) => new()
    {
        RawName = d.Raw,
        SourceRef = d.Input.SourceRef ?? "",
        PartySeq = d.PartySeq,
        DisplayName = d.DisplayName,
        Kind = d.Kind,
        EntitySubtype = d.Kind == EntityKind.LegalEntity ? d.Subtype : "",
        NameKey = d.NameKey,
        CompactKey = d.CompactKey,
        AltKey = d.AltKey,
        ConceptKey = d.ConceptKey,
        FoldedKey = d.FoldedKey,
        Acronyms = d.Acronyms.Count == 0 ? "" : string.Join(' ', d.Acronyms),
        Initials = d.Initials,
        LegalForm = d.LegalForm,
        ElfCode = d.ElfCode,
        FamilyName = d.IsPerson ? JoinDisplay(d, d.Family) : "",
        GivenNames = d.IsPerson ? JoinDisplay(d, d.Given) : "",
        Titles = d.Titles,
        Suffix = d.Suffix,
        OrgUnit = d.OrgUnit,
        RolePrefix = d.RolePrefix,
        CareOf = d.CareOf,
        TradeName = d.TradeName,
        Incorporation = d.Incorporation,
        Representation = d.Representation,
        Address = d.Address,
        City = d.City,
        AddressCountry = d.AddressCountry,
        RomanizedName = d.Romanized,
        Country = d.Country,
        Rules = ruleLists.Get(d.Fired),
        Problem = d.Problem,
    };

    private static string JoinDisplay(PartyDraft d, List<Text.NameToken> tokens)
    {
        if (tokens.Count == 0) return "";
        bool contiguous = true;
        for (int i = 1; i < tokens.Count && contiguous; i++) contiguous = tokens[i].Start >= tokens[i - 1].End && tokens[i].Start - tokens[i - 1].End <= 1;
        if (contiguous) return d.SpanText(tokens, 0, tokens.Count); // keeps "Müller-Schmidt" as written
        var parts = new string[tokens.Count];
        for (int i = 0; i < tokens.Count; i++) parts[i] = d.SpanText(tokens, i, i + 1);
        return string.Join(' ', parts);
    }
}
