using System.Text;
using Names.Host.Csv;

namespace Names.Host.Tests;

/// <summary>Reads a CSV text produced by the CLI back into header + rows, with the project's own reader.</summary>
internal static class CsvTestReader
{
    public static (string[] Header, List<string[]> Rows) Parse(string csv)
    {
        using var reader = new CsvRecordReader(CsvCharSource.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv))));
        var header = reader.ReadHeader() ?? throw new InvalidDataException("no header");
        var rows = new List<string[]>();
        while (true)
        {
            var kind = reader.ReadNext(header.Length, out var record, out var reject);
            if (kind == CsvReadKind.End) break;
            if (kind == CsvReadKind.Reject) throw new InvalidDataException($"output line {reject.Line} malformed: {reject.Reason}");
            rows.Add(record.Fields);
        }
        return (header, rows);
    }

    public static (string[] Header, List<string[]> Rows) ParseFile(string path) => Parse(File.ReadAllText(path));

    public static int Col(this string[] header, string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new KeyNotFoundException(name);
}
