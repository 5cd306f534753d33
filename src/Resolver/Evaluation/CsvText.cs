using CsvHelper;

namespace Names.Resolver.Evaluation;

/// <summary>Labelled benchmark files read with CsvHelper's reader (RFC 4180: quoted fields, doubled quotes, line breaks in quotes).</summary>
internal static class CsvText
{
    /// <summary>Rows as header-keyed dictionaries; blank lines skipped, missing trailing fields empty.</summary>
    public static List<Dictionary<string, string>> ReadRecords(string text)
    {
        using var reader = CsvReader.Create(new StringReader(text), CsvReaderOptions.Default with { Separator = ',', DetectSeparatorHint = false });
        var header = reader.Headers;
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, string>(header.Count, StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++) row.Add(header[i], reader.GetString(i));
            rows.Add(row);
        }
        return rows;
    }
}
