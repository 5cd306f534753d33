namespace Names.Normalization.Pipeline;

/// <summary>One cleaning rule of the spec (R1 ... R23). Returns true when it changed or decided something (it "fired").</summary>
internal interface INameRule
{
    string Id { get; }
    bool Apply(PartyDraft draft, RuleContext context);
}

/// <summary>R15: a rule that may turn one name field into several parties.</summary>
internal interface IPartySplitRule
{
    string Id { get; }
    /// <summary>Adds the parties of <paramref name="field"/> to <paramref name="parties"/>; returns true when it split.</summary>
    bool Split(PartyDraft field, List<PartyDraft> parties, Func<PartyDraft> newDraft, RuleContext context);
}
