using System.Text;
using Names.Host.Csv;

namespace Names.Host.Synthesis;

/// <summary>Writes generated records as CSV (<see cref="SyntheticNameGenerator.Columns"/>), streaming.</summary>
public static class SyntheticCsvWriter
{
    public static async Task WriteAsync(TextWriter output, long rows, ulong seed, CancellationToken cancellationToken)
    {
        var generator = new SyntheticNameGenerator(SynthesisData.LoadEmbedded(), seed, rows);
        var sb = new StringBuilder(1 << 17);
        CsvFieldWriter.AppendRow(sb, SyntheticNameGenerator.Columns);
        foreach (var row in generator.Generate(rows))
        {
            CsvFieldWriter.AppendField(sb, row.RecordId, true);
            CsvFieldWriter.AppendField(sb, row.Name, false);
            CsvFieldWriter.AppendField(sb, row.Country, false);
            CsvFieldWriter.AppendField(sb, row.Kind, false);
            CsvFieldWriter.AppendField(sb, row.EntityId, false);
            sb.Append('\n');
            if (sb.Length < 1 << 16) continue;
            await output.WriteAsync(sb, cancellationToken);
            sb.Clear();
        }
        await output.WriteAsync(sb, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }
}
