namespace Names.Normalization.Pipeline;

/// <summary>One cleaning rule of the spec (R1 ... R23). Returns true when it changed or decided something (it "fired").
/// A base class rather than an interface: the pipeline calls ~20 rule types from one call site per row, where an
/// interface call goes through the runtime's slower polymorphic dispatch stub (~1% of `clean`'s CPU).</summary>
internal abstract class NameRule
{
    public abstract string Id { get; }
    public abstract bool Apply(PartyDraft draft, RuleContext context);
}

/// <summary>R15: a rule that may turn one name field into several parties.</summary>
internal interface IPartySplitRule
{
    string Id { get; }
    /// <summary>Adds the parties of <paramref name="field"/> to <paramref name="parties"/>; returns true when it split.</summary>
    bool Split(PartyDraft field, List<PartyDraft> parties, Func<PartyDraft> newDraft, RuleContext context);
}
