using Names.Host.Csv;

namespace Names.Host.Synthesis;

/// <summary>Writes generated records as CSV (<see cref="SyntheticNameGenerator.Columns"/>), streaming.</summary>
public static class SyntheticCsvWriter
{
    public static async Task WriteAsync(TextWriter output, long rows, ulong seed, CancellationToken cancellationToken)
    {
        var generator = new SyntheticNameGenerator(SynthesisData.LoadEmbedded(), seed, rows);
        using var csv = CsvRowWriter.To(output, protectFormulas: false);
        csv.Row(SyntheticNameGenerator.Columns);
        foreach (var row in generator.Generate(rows))
        {
            csv.Field(row.RecordId);
            csv.Field(row.Name);
            csv.Field(row.Country);
            csv.Field(row.Kind);
            csv.Field(row.EntityId);
            await csv.EndRowAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}
