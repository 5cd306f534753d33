using System.CommandLine;
using System.Globalization;
using Names.Host.Resolving;

namespace Names.Host.Cli;

/// <summary>The options `names resolve` and `names eval` share, bound to a <see cref="ResolveRequest"/>.</summary>
public sealed class ResolveOptions
{
    public Argument<string> Input { get; } = CommonOptions.Input();
    public Option<string> Column { get; } = CommonOptions.NameColumn();
    public Option<string?> Country { get; } = CommonOptions.CountryColumn();
    public Option<string?> Kind { get; } = CommonOptions.KindColumn();
    public Option<string?> DefaultKind { get; } = new("--default-kind") { Description = "kind for rows without a kind value: person or legal_entity" };
    public Option<string?> Id { get; } = new("--id-column") { Description = "column holding the source record id (kept as provenance)" };
    public Option<string?> Family { get; } = new("--family-column") { Description = "column holding a person's family name (structured input wins over parsing)" };
    public Option<string?> Given { get; } = new("--given-column") { Description = "column holding a person's given names" };
    public Option<string?> Context { get; } = new("--context-columns")
    {
        Description = "comma-separated columns compared as context when both records have them (co-applicants, classes, dates, places...); " +
                      "multi-valued cells are split on ** ; |",
    };
    public Option<string?> IdColumns { get; } = new("--id-columns")
    {
        Description = "identifiers the rows carry, as scheme=COLUMN pairs (lei=LEI,orcid=ORCID; schemes: " + string.Join(", ", Names.Resolver.ExternalIds.ExternalIdSchemes.Names) +
                      "): a row resolves to the entity holding its identifier",
    };
    public RegistryOptions Registry { get; } = new();
    public Option<ulong> Seed { get; } = new("--seed") { Description = "seed of the id generator of a new registry (same seed + same input = same ids)" };
    public Option<double?> Upper { get; } = new("--upper") { Description = "auto-link threshold on the match probability (default 0.9)" };
    public Option<double?> Lower { get; } = new("--lower") { Description = "review threshold: between --lower and --upper a review proposal is made (default 0.5)" };
    public Option<int?> BatchSize { get; } = new("--batch-size")
    {
        Description = "new names per committed batch (default 20000); rows are also resolved in chunks of at most this many (2048). " +
                      "A killed or stopped run resumes from its last committed batch",
    };

    public Option<bool> KeepUnits { get; } = new("--keep-units")
    {
        Description = "resolve each organisation unit (department, school, lab) as its own entity; by default the parent " +
                      "organisation is resolved and the unit goes to the org_unit column",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Input);
        foreach (var o in new Option[] { Column, Country, Kind, DefaultKind, Id, Family, Given, Context, IdColumns }) command.Options.Add(o);
        Registry.AddTo(command);
        foreach (var o in new Option[] { Seed, Upper, Lower, BatchSize, KeepUnits }) command.Options.Add(o);
    }

    public ResolveRequest Bind(ParseResult parse)
    {
        var defaultKind = parse.GetValue(DefaultKind);
        if (defaultKind is not null && Names.Normalization.EntityKindText.Parse(defaultKind) is null)
            throw new CliUsageException($"--default-kind '{defaultKind}' is not a kind: use person or legal_entity");
        foreach (var (name, value) in new[] { ("--upper", parse.GetValue(Upper)), ("--lower", parse.GetValue(Lower)) })
            if (value is < 0 or > 1) throw new CliUsageException($"{name} must be between 0 and 1, not {value.Value.ToString(CultureInfo.InvariantCulture)}");
        if (parse.GetValue(BatchSize) is < 1) throw new CliUsageException("--batch-size must be at least 1");
        return new ResolveRequest
        {
            Input = parse.GetValue(Input)!,
            Column = parse.GetValue(Column)!,
            CountryColumn = parse.GetValue(Country),
            KindColumn = parse.GetValue(Kind),
            DefaultKind = defaultKind,
            IdColumn = parse.GetValue(Id),
            FamilyColumn = parse.GetValue(Family),
            GivenColumn = parse.GetValue(Given),
            ExternalIdColumns = ExternalIdColumnsOf(parse.GetValue(IdColumns)),
            ContextColumns = (parse.GetValue(Context) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Registry = Registry.Bind(parse),
            Seed = parse.GetValue(Seed),
            UpperThreshold = parse.GetValue(Upper),
            LowerThreshold = parse.GetValue(Lower),
            BatchSize = parse.GetValue(BatchSize),
            KeepUnits = parse.GetValue(KeepUnits),
        };
    }

    /// <summary><c>scheme=COLUMN</c> pairs, each scheme known and named once.</summary>
    private static IReadOnlyList<(string Scheme, string Column)> ExternalIdColumnsOf(string? text)
    {
        var pairs = new List<(string, string)>();
        foreach (var item in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = item.IndexOf('=');
            if (eq <= 0 || eq == item.Length - 1) throw new CliUsageException($"--id-columns '{item}' is not scheme=COLUMN (e.g. lei=LEI)");
            var scheme = Names.Resolver.ExternalIds.ExternalIdSchemes.Find(item[..eq], out var reason)
                ?? throw new CliUsageException("--id-columns: " + reason);
            if (pairs.Any(p => p.Item1 == scheme.Name)) throw new CliUsageException($"--id-columns names scheme '{scheme.Name}' twice");
            pairs.Add((scheme.Name, item[(eq + 1)..].Trim()));
        }
        return pairs;
    }
}
