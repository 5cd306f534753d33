namespace Names.Host.Resolving;

/// <summary>Everything `names resolve` (and `names eval`, which resolves first) is asked to do.</summary>
public sealed record ResolveRequest
{
    public required string Input { get; init; }
    public string Column { get; init; } = "name";
    public string? CountryColumn { get; init; }
    public string? KindColumn { get; init; }
    /// <summary>Kind for rows without a kind column value (person / legal_entity).</summary>
    public string? DefaultKind { get; init; }
    public string? IdColumn { get; init; }
    public string? FamilyColumn { get; init; }
    public string? GivenColumn { get; init; }
    /// <summary>Columns holding identifiers the rows carry: (scheme name, column).</summary>
    public IReadOnlyList<(string Scheme, string Column)> ExternalIdColumns { get; init; } = Array.Empty<(string, string)>();
    public IReadOnlyList<string> ContextColumns { get; init; } = Array.Empty<string>();
    public Cli.RegistryLocation Registry { get; init; } = new("names.db", null);
    public string Out { get; init; } = "-";
    public string? Rejects { get; init; }
    public string? Report { get; init; }
    public ulong Seed { get; init; }
    public double? UpperThreshold { get; init; }
    public double? LowerThreshold { get; init; }
    /// <summary>New names per committed batch (null: the engine's default); also bounds the rows resolved per chunk.</summary>
    public int? BatchSize { get; init; }
    /// <summary>Output fields that start like a spreadsheet formula are written quoted behind a <c>'</c>.</summary>
    public bool ProtectFormulas { get; init; }
    /// <summary>Each organisation unit resolves as its own entity, not as its parent.</summary>
    public bool KeepUnits { get; init; }
}
