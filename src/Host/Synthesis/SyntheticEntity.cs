namespace Names.Host.Synthesis;

public enum SyntheticKind { Person, Company, Institution }

/// <summary>
/// One true entity of the generated world: what every row naming it is a variant of. Person parts, company parts
/// (stems, generic word, legal form) or an institution's full name, each in the country's script and in Latin.
/// </summary>
public sealed record SyntheticEntity
{
    public required string Id { get; init; }
    public required SynthCountry Country { get; init; }
    public required SyntheticKind Kind { get; init; }
    public ScriptedWord? Given { get; init; }
    public char? MiddleInitial { get; init; }
    public ScriptedWord? Family { get; init; }
    public IReadOnlyList<ScriptedWord> Stems { get; init; } = Array.Empty<ScriptedWord>();
    public ScriptedWord? Generic { get; init; }
    public SynthLegalForm? LegalForm { get; init; }
    /// <summary>Where this entity usually puts its legal form when the country allows either end.</summary>
    public bool FormAtStart { get; init; }
    public ScriptedWord? InstitutionName { get; init; }

    public string KindText => Kind == SyntheticKind.Person ? "person" : "legal_entity";
}
