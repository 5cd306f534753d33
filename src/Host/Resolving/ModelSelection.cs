using Names.Host.Csv;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;

namespace Names.Host.Resolving;

/// <summary>
/// Which scoring model a run uses. A registry keeps the model it was resolved with (so that later runs decide the same
/// way); a registry without one gets, when context columns are given, a Fellegi-Sunter model estimated by EM from the
/// input itself (no labels needed, as Splink does), stored as the registry's first model; otherwise
/// <see cref="DefaultModel.ForFreshRegistry"/>.
/// </summary>
public sealed class ModelSelection(IRegistryStore store)
{
    /// <summary>Rows read for EM: enough for stable m/u estimates, bounded so that estimation stays a few seconds.</summary>
    public int SampleRows { get; init; } = 100_000;

    public async Task<(IPairScorer? Scorer, string Description)> ChooseAsync(Func<CsvRecordReader> openInput, Func<string[], long, ResolveInput> toInput,
        int fieldCount, IReadOnlyList<string> contextColumns, string inputName, CancellationToken ct)
    {
        var stored = await PairScorerSerializer.LoadAsync(store, ct);
        if (stored is { Version: { } v })
            return (stored.Scorer, (stored.Refused is null ? "" : stored.Refused + "; using ") + $"{v.Kind} v{v.Version} from the registry ({v.Note})");
        if (stored is not null) return (stored.Scorer, $"{stored.Refused}; using the built-in default");
        if (contextColumns.Count == 0) return (null, "built-in default (Fellegi-Sunter)");

        var rows = new List<ResolveInput>();
        using (var reader = openInput())
        {
            reader.ReadHeader();
            while (rows.Count < SampleRows && reader.ReadNext(fieldCount, out var record, out _) is var kind && kind != CsvReadKind.End)
                if (kind == CsvReadKind.Record) rows.Add(toInput(record.Fields, record.Line));
        }
        ct.ThrowIfCancellationRequested();
        var model = new ModelTrainer().EstimateFellegiSunter(rows, contextColumns);
        var note = $"EM on {rows.Count:N0} rows of {Path.GetFileName(inputName)}, context {string.Join(",", contextColumns)}";
        var version = await PairScorerSerializer.SaveAsync(store, model, note, ct);
        // The run uses the stored form, exactly what a resumed run of it loads from the registry.
        return (PairScorerSerializer.Deserialize(model.Serialize()), $"{model.Kind} v{version} estimated now ({note})");
    }
}
