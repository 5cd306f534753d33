using Names.Normalization.Evidence;
using Names.Normalization.Pipeline;

namespace Names.Normalization.Rules;

/// <summary>
/// R16: person, legal_entity or unknown, and the legal-entity subtype. The kind column and structured person columns
/// win; then legal forms and organisation keywords (many languages); then person-name patterns.
/// </summary>
internal sealed class R16EntityKind : NameRule
{
    public override string Id => "R16";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var lexicon = context.Lexicon;
        var tokens = d.TokenSpan;
        int n = tokens.Length;
        // keywords and legal forms are looked for only when the answer depends on them (the kind column does not decide,
        // or the party is a legal entity whose subtype they give): the common cases stay cheap
        string? subtype = null;
        var hinted = EntityKindText.Parse(d.Input.KindHint);
        bool? hasForm = null;
        if (hinted is { } h && h != EntityKind.Unknown)
        {
            d.Kind = h;
        }
        else if (!string.IsNullOrWhiteSpace(d.Input.FamilyName) || !string.IsNullOrWhiteSpace(d.Input.GivenNames))
        {
            d.Kind = EntityKind.Person;
        }
        else if ((subtype = SubtypeEvidence.Find(tokens, 0, n, lexicon)).Length > 0 || (hasForm = FormFound(d, context)) == true)
        {
            d.Kind = EntityKind.LegalEntity;
        }
        else if (PersonNamePattern.Matches(tokens, 0, n, lexicon, d.Country, organisationEvidenceChecked: true))
        {
            d.Kind = EntityKind.Person;
        }
        else
        {
            d.Kind = EntityKind.Unknown;
        }

        if (d.Kind == EntityKind.LegalEntity)
        {
            subtype ??= SubtypeEvidence.Find(tokens, 0, n, lexicon);
            d.Subtype = subtype.Length > 0 ? subtype : (hasForm ?? FormFound(d, context)) ? "company" : "";
        }
        return d.Kind != EntityKind.Unknown;
    }

    private static bool FormFound(PartyDraft d, RuleContext context)
    {
        var forms = context.Lexicon.LegalForms;
        var tokens = d.TokenSpan;
        int n = tokens.Length;
        return n >= 2 && (forms.MatchEnd(tokens, 1, n, d.Country) != null
                          || forms.MatchStart(tokens, 0, n - 1, d.Country) != null
                          || forms.MatchMiddle(tokens, 0, n, d.Country) != null
                          || HasCjkForm(d, context));
    }

    private static bool HasCjkForm(PartyDraft d, RuleContext context)
    {
        if (d.Tokens.Count == 0) return false;
        var first = d.Tokens[0];
        var last = d.Tokens[^1];
        return (last.Has(Text.TokenFlags.Cjk) && context.Lexicon.LegalForms.CjkFormAffix(last.Match, true) != null)
               || (first.Has(Text.TokenFlags.Cjk) && context.Lexicon.LegalForms.CjkFormAffix(first.Match, false) != null);
    }
}
