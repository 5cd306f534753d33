using Names.Normalization.Rules;

namespace Names.Normalization.Pipeline;

/// <summary>
/// The rule pipeline in the spec's order: R1-R4 -> R14/R15 -> R16 -> persons R17-R19 | organisations R9-R13, R20-R21
/// (R25 first: an acronym in parentheses leaves before legal forms are looked for) -> keys R5-R7 -> R8 -> R22 -> R24 -> R23. Every party records the ids of the rules that fired, in this order.
/// </summary>
internal sealed class NamePipeline
{
    private readonly NameRule[] _fieldRules = { new R01RawString(), new R02UnicodeNormalization(), new R03EscapeCodes(), new R04WhiteSpaceAndQuotes() };
    private readonly NameRule _fragments = new R14Fragments();
    private readonly IPartySplitRule _split = new R15SeveralParties();
    private readonly NameRule _kind = new R16EntityKind();
    private readonly NameRule[] _personRules = { new R17PersonParts(), new R18TitlesAndSuffixes(), new R19Particles() };
    private readonly NameRule[] _organisationRules =
    {
        new R25Acronyms(), new R09LegalForms(), new R10GenericAbbreviations(), new R11Ampersand(), new R12LeadingArticles(),
        new R13NonDistinctiveWords(), new R20OrganisationUnits(), new R21GovernanceWrappers(),
    };
    private readonly NameRule[] _keyRules = { new R05Case(), new R06Punctuation(), new R07Diacritics(), new R08Transliteration(), new R22SpellingVariants(), new R24ConceptKey() };
    private readonly R23OutputRecord _output = new();

    /// <summary>All rule ids in pipeline order (for documentation and tests).</summary>
    public IReadOnlyList<string> RuleOrder =>
        _fieldRules.Select(r => r.Id).Append(_fragments.Id).Append(_split.Id).Append(_kind.Id)
            .Concat(_personRules.Select(r => r.Id)).Concat(_organisationRules.Select(r => r.Id))
            .Concat(_keyRules.Select(r => r.Id)).Append(_output.Id).ToArray();

    public IReadOnlyList<Party> Run(NameInput input, PipelineWorkspace workspace)
    {
        var context = workspace.Context;
        var field = workspace.Begin(input);
        foreach (var rule in _fieldRules) Fire(rule, field, context);
        field.Retokenize(context.Scratch);
        if (field.Tokens.Count == 0 && string.IsNullOrWhiteSpace(field.Input.FamilyName) && string.IsNullOrWhiteSpace(field.Input.GivenNames))
        {
            return new[] { Garbage(field) };
        }
        Fire(_fragments, field, context);

        var parties = workspace.Parties;
        parties.Clear();
        bool split = _split.Split(field, parties, workspace.NextDraft, context);
        var result = new Party[parties.Count];
        for (int i = 0; i < parties.Count; i++)
        {
            var d = parties[i];
            if (split) d.Fired.Add(_split.Id);
            Fire(_kind, d, context);
            if (d.IsPerson)
            {
                foreach (var rule in _personRules) Fire(rule, d, context);
            }
            else
            {
                foreach (var rule in _organisationRules) Fire(rule, d, context);
            }
            foreach (var rule in _keyRules) Fire(rule, d, context);
            Fire(_output, d, context);
            result[i] = R23OutputRecord.ToParty(d, workspace.FiredRuleLists);
        }
        return result;
    }

    private static void Fire(NameRule rule, PartyDraft d, RuleContext context)
    {
        if (rule.Apply(d, context)) d.Fired.Add(rule.Id);
    }

    private static Party Garbage(PartyDraft d)
    {
        d.Fired.Add("R23");
        return new Party
        {
            RawName = d.Raw,
            SourceRef = d.Input.SourceRef ?? "",
            DisplayName = d.Text,
            NameKey = "",
            CompactKey = "",
            Kind = EntityKind.Unknown,
            Country = d.Country,
            Rules = d.Fired.ToArray(),
            Problem = d.Problem.Length > 0 ? d.Problem : d.Raw.Length == 0 ? "empty name" : "no letters or digits",
        };
    }
}
