using System.Text.Json;
using System.Text.RegularExpressions;
using Names.Host.Cli;
using Names.Host.Csv;
using Names.Resolver.Evaluation;
using Names.Resolver.Resolution;

namespace Names.Host.Training;

/// <summary>
/// The labelled data sets the pretrained model is trained on, and how each is read
/// (src/Resolver/Data/models/training-sets.json): per set a CSV of rows with a truth column (name column or family and
/// given name columns, optional country column and kind), or a pairs file in namebench's format. Paths are relative to
/// the data sets directory. Trees, leaves and examples per leaf of the boosted trees, when given, replace
/// <see cref="Names.Resolver.Scoring.BoostedTreeTrainer"/>'s defaults.
/// </summary>
public sealed record TrainingSetManifest(int PairsPerSet, int Seed, IReadOnlyList<TrainingSetEntry> Sets, int? Trees = null, int? Leaves = null,
    int? MinimumExamplesPerLeaf = null)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <exception cref="CliIoException">the manifest cannot be read</exception>
    /// <exception cref="CliUsageException">the manifest is not a list of sets</exception>
    public static TrainingSetManifest Read(string path)
    {
        if (!File.Exists(path)) throw new CliIoException($"training sets manifest '{path}' does not exist");
        TrainingSetManifest? manifest;
        try { manifest = JsonSerializer.Deserialize<TrainingSetManifest>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new CliUsageException($"training sets manifest '{path}' is not valid: {e.Message}"); }
        if (manifest?.Sets is not { Count: > 0 }) throw new CliUsageException($"training sets manifest '{path}' lists no sets");
        foreach (var s in manifest.Sets)
            if (string.IsNullOrEmpty(s.Name) || string.IsNullOrEmpty(s.File) || (s.Format != "pairs" && string.IsNullOrEmpty(s.Truth)))
                throw new CliUsageException($"training sets manifest '{path}': each set needs a name, a file and (unless its format is pairs) a truth column");
        return manifest;
    }

    /// <summary>Reads one set's labelled rows or pairs from under <paramref name="datasets"/>.</summary>
    public static async Task<LabelledSet> LoadAsync(TrainingSetEntry set, string datasets, CancellationToken ct)
    {
        var path = Path.Combine(datasets, set.File);
        if (!File.Exists(path)) throw new CliIoException($"training set '{set.Name}': file '{path}' does not exist");
        if (set.Format == "pairs")
        {
            var cases = await PairCase.ReadAllAsync(path, ct);
            return new LabelledSet(set.Name, [], cases.Select(c => (new ResolveInput(c.Name1, Kind: PairBenchmark.KindHint(c.Schema)),
                new ResolveInput(c.Name2, Kind: PairBenchmark.KindHint(c.Schema)), c.IsMatch)).ToList());
        }
        return new LabelledSet(set.Name, ReadRows(set, path), []);
    }

    private static List<(ResolveInput Row, string Label)> ReadRows(TrainingSetEntry set, string path)
    {
        using var reader = new CsvRecordReader(CsvCharSource.Open(File.OpenRead(path)));
        var header = new CsvHeader(reader.ReadHeader() ?? throw new CliIoException($"training set '{set.Name}': '{path}' is empty"));
        var option = $"training set '{set.Name}'";
        int? Column(string? name) => name is null ? null : header.Require(name, option);
        int truth = header.Require(set.Truth!, option);
        int? name = Column(set.Column), family = Column(set.Family), given = Column(set.Given), country = Column(set.Country);
        if (name is null && family is null) throw new CliUsageException($"{option}: give a name column or a family name column");
        var pattern = set.TruthPattern is null ? null : new Regex(set.TruthPattern, RegexOptions.CultureInvariant);
        var rows = new List<(ResolveInput, string)>();
        while (reader.ReadNext(header.Columns.Count, out var record, out var reject) is var kind && kind != CsvReadKind.End)
        {
            if (kind != CsvReadKind.Record) throw new CliUsageException($"{option}: '{path}' line {reject.Line}: {reject.Reason}");
            string? F(int? i) => i is int j && record.Fields[j].Trim() is { Length: > 0 } v ? v : null;
            var label = F(truth);
            if (label is null) continue;
            if (pattern is not null)
            {
                var m = pattern.Match(label);
                if (!m.Success) throw new CliUsageException($"{option}: '{path}' line {record.Line}: truth '{label}' does not match {set.TruthPattern}");
                label = m.Groups.Count > 1 ? m.Groups[1].Value : m.Value;
            }
            var text = F(name) ?? $"{F(given)} {F(family)}".Trim();
            rows.Add((new ResolveInput(text, F(country), set.Kind, F(family), F(given), Row: record.Line), label));
        }
        return rows;
    }
}

/// <summary>One data set of the manifest. <see cref="TruthPattern"/>: a regular expression whose first group is the
/// entity label within the truth column (FEBRL's rec-223-dup-0 -> 223).</summary>
public sealed record TrainingSetEntry(string Name, string File, string? Format = null, string? Column = null, string? Family = null,
    string? Given = null, string? Country = null, string? Kind = null, string? Truth = null, string? TruthPattern = null);
