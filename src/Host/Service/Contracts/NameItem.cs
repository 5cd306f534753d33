namespace Names.Host.Service.Contracts;

/// <summary>One name to clean or resolve; country is ISO 3166 alpha-2, kind person|legal_entity (optional hints).</summary>
public sealed record NameItem(string? Name, string? Country = null, string? Kind = null, string? FamilyName = null, string? GivenNames = null);
