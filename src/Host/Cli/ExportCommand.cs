using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Names.Host.Csv;
using Names.Host.Privacy;
using Names.Host.Resolving;
using Names.Resolver.Registry;

namespace Names.Host.Cli;

/// <summary>
/// <c>names export</c>: the registry's entities, variants, redirects (absorbed id -> survivor) or identifier changes as
/// CSV or JSON lines; with <c>--entity ID</c> everything held about one person as JSON (<see cref="PersonalDataExport"/>).
/// </summary>
public static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var registry = new RegistryOptions();
        var output = CommonOptions.Out();
        var what = new Option<string>("--what") { Description = "variants (with their entity), entities, redirects, changes (the identifier change feed) or external-ids (LEI, ROR id ... with the entity holding each)", DefaultValueFactory = _ => "variants" };
        what.AcceptOnlyFromAmong("variants", "entities", "redirects", "changes", "external-ids");
        var after = new Option<long>("--after") { Description = "with --what changes: the changes after this seq (0: from the start)" };
        var entity = new Option<string?>("--entity") { Description = "everything the registry holds about the person with this id, as one JSON document" };
        var format = new Option<string?>("--format") { Description = "csv or jsonl (default: from the --out extension, else csv)" };
        format.AcceptOnlyFromAmong("csv", "jsonl");
        var protectFormulas = CommonOptions.ProtectFormulas();
        var command = new Command("export", "Export the registry: variants with their entity, entities, or redirects of absorbed ids, as CSV or JSON lines.")
        {
            output, what, format, protectFormulas, after, entity,
        };
        registry.AddTo(command);
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "export", async () =>
        {
            var location = registry.Bind(parse);
            var outPath = parse.GetValue(output)!;
            var jsonl = (parse.GetValue(format) ?? (outPath.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || outPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "jsonl" : "csv")) == "jsonl";
            await using var store = await location.OpenAsync(mustExist: true, ct);
            if (parse.GetValue(entity) is { } entityId) return await PersonalDataExport.WriteAsync(store, entityId, outPath, console, ct);
            if (parse.GetValue(after) < 0) throw new CliUsageException("--after takes a seq of 0 or more");
            var exporter = new RegistryExporter(store);
            using var writer = OutputFile.Open(outPath, console);
            using var sink = new RowSink(writer, jsonl, parse.GetValue(protectFormulas));
            long rows = 0;
            switch (parse.GetValue(what))
            {
                case "entities":
                    sink.Header("global_id", "kind", "canonical_name", "status", "survivor_id");
                    await foreach (var e in exporter.EntitiesAsync(ct)) { sink.Row(e.Id, e.Kind, e.CanonicalName, e.Status, e.SurvivorId ?? ""); rows++; }
                    break;
                case "redirects":
                    sink.Header("absorbed_id", "survivor_id");
                    await foreach (var (absorbed, survivor) in exporter.RedirectsAsync(ct)) { sink.Row(absorbed, survivor); rows++; }
                    break;
                case "changes":
                    sink.Header("seq", "type", "global_id", "survivor_id", "origin_id", "time", "detail");
                    for (var page = await store.PersonalData.GetChangesAsync(parse.GetValue(after), 10_000, ct); page.Changes.Count > 0;
                         page = await store.PersonalData.GetChangesAsync(page.Next, 10_000, ct))
                        foreach (var c in page.Changes)
                        {
                            sink.Row(c.Seq.ToString(CultureInfo.InvariantCulture), c.Type, c.Id, c.Survivor ?? "", c.Origin ?? "",
                                c.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), c.Detail ?? "");
                            rows++;
                        }
                    break;
                case "external-ids":
                    sink.Header("scheme", "value", "global_id", "linked_to", "source", "status", "time");
                    await foreach (var (x, holder) in exporter.ExternalIdsAsync(ct))
                    {
                        sink.Row(x.Scheme, x.Value, holder, x.EntityId, x.Source, x.Status, x.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                        rows++;
                    }
                    break;
                default:
                    sink.Header("variant_id", "global_id", "kind", "display_name", "name_key", "compact_key", "country", "source_file", "source_row", "source_record_id", "raw_name");
                    await foreach (var v in exporter.VariantsAsync(ct))
                    {
                        sink.Row(v.Id.ToString(CultureInfo.InvariantCulture), v.EntityId, v.Kind, v.DisplayName, v.NameKey, v.CompactKey, v.Country,
                            v.SourceFile, v.SourceRow.ToString(CultureInfo.InvariantCulture), v.SourceRecordId, v.RawName);
                        rows++;
                    }
                    break;
            }
            await sink.FlushAsync(ct);
            await console.Error.WriteLineAsync($"names export: {rows.ToString("N0", CultureInfo.InvariantCulture)} {parse.GetValue(what)} written");
            if (CommonOptions.FormulaWarning(sink.FormulaFields, sink.FirstFormulaLine, parse.GetValue(protectFormulas), "output line") is { } formulas)
                await console.Error.WriteLineAsync($"names export: {(parse.GetValue(protectFormulas) ? "" : "warning: ")}{formulas}");
            return CliExitCodes.Done;
        }));
        return command;
    }

    /// <summary>Writes rows as CSV (header first) or as JSON objects, one per line, keyed by the header names.</summary>
    private sealed class RowSink(TextWriter writer, bool jsonl, bool protectFormulas) : IDisposable
    {
        private readonly CsvRowWriter _csv = CsvRowWriter.To(writer, protectFormulas);
        private string[] _columns = [];

        public long FormulaFields => _csv.FormulaFields;
        public long FirstFormulaLine => _csv.FirstFormulaLine;

        public void Header(params string[] columns)
        {
            _columns = columns;
            if (jsonl) return;
            _csv.Line = 1;
            _csv.Row(columns);
        }

        public void Row(params string[] values)
        {
            if (jsonl)
            {
                var o = new Dictionary<string, string>(_columns.Length);
                for (var i = 0; i < _columns.Length; i++) o[_columns[i]] = values[i];
                writer.Write(JsonSerializer.Serialize(o));
                writer.Write('\n');
                return;
            }
            _csv.Line++;
            _csv.Row(values);
        }

        public async Task FlushAsync(CancellationToken ct)
        {
            await _csv.FlushAsync(ct);
            await writer.FlushAsync(ct);
        }

        public void Dispose() => _csv.Dispose();
    }
}
