using System.Text;

namespace Names.Resolver.Evaluation;

/// <summary>Minimal RFC 4180 parsing for labelled benchmark files (quoted fields, doubled quotes, newlines in quotes).</summary>
internal static class CsvText
{
    /// <summary>Rows as header-keyed dictionaries; blank lines skipped, missing trailing fields empty.</summary>
    public static List<Dictionary<string, string>> ReadRecords(string text)
    {
        var rows = Parse(text);
        if (rows.Count == 0) return [];
        var header = rows[0];
        return rows.Skip(1).Where(r => r.Count > 1 || r[0].Length > 0)
            .Select(r => header.Select((h, i) => (h, v: i < r.Count ? r[i] : "")).ToDictionary(x => x.h, x => x.v, StringComparer.Ordinal))
            .ToList();
    }

    private static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString()); field.Clear();
                rows.Add(row); row = new List<string>();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
