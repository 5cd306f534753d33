namespace Names.Host.Service.Contracts;

public sealed record HealthView(string Status, string Store, int SchemaVersion, string RulesetVersion);

public sealed record LivenessView(string Status);
