using System.Buffers;
using System.Text;

namespace Names.Host.Csv;

/// <summary>Appends RFC 4180 fields to a StringBuilder: quoted only when they contain a comma, quote or line break.</summary>
public static class CsvFieldWriter
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    public static void AppendField(StringBuilder sb, ReadOnlySpan<char> value, bool first)
    {
        if (!first) sb.Append(',');
        if (value.IndexOfAny(NeedsQuotes) < 0) { sb.Append(value); return; }
        sb.Append('"');
        foreach (var c in value)
        {
            if (c == '"') sb.Append('"');
            sb.Append(c);
        }
        sb.Append('"');
    }

    public static void AppendRow(StringBuilder sb, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var f in fields) { AppendField(sb, f, first); first = false; }
        sb.Append('\n');
    }
}
