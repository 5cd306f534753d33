namespace Names.Normalization;

/// <summary>R16: what a party is. Written as <c>person</c>, <c>legal_entity</c>, <c>unknown</c>.</summary>
public enum EntityKind
{
    Unknown = 0,
    Person = 1,
    LegalEntity = 2,
}

public static class EntityKindText
{
    public static string ToText(this EntityKind kind) => kind switch
    {
        EntityKind.Person => "person",
        EntityKind.LegalEntity => "legal_entity",
        _ => "unknown",
    };

    /// <summary>Parses a kind column value (person/individual/P, legal_entity/organisation/company/L ...). Null when not recognised.</summary>
    public static EntityKind? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        switch (text.Trim().ToLowerInvariant())
        {
            case "person": case "individual": case "natural_person": case "natural person": case "p": case "inventor": case "human":
                return EntityKind.Person;
            case "legal_entity": case "legal entity": case "organisation": case "organization": case "company": case "firm":
            case "l": case "org": case "corporation": case "legalentity":
                return EntityKind.LegalEntity;
            case "unknown": case "u":
                return EntityKind.Unknown;
            default:
                return null;
        }
    }
}
