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

    /// <summary>A field holding <paramref name="values"/> joined by <paramref name="separator"/>, quoted when needed
    /// (as <c>AppendField(sb, string.Join(separator, values), false)</c>, without building the joined string).</summary>
    public static void AppendJoinedField(StringBuilder sb, char separator, IReadOnlyList<string> values)
    {
        bool plain = separator is not (',' or '"' or '\r' or '\n');
        for (int i = 0; i < values.Count && plain; i++) plain = values[i].AsSpan().IndexOfAny(NeedsQuotes) < 0;
        if (!plain)
        {
            AppendField(sb, string.Join(separator, values), false);
            return;
        }
        sb.Append(',');
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0) sb.Append(separator);
            sb.Append(values[i]);
        }
    }

    public static void AppendRow(StringBuilder sb, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var f in fields) { AppendField(sb, f, first); first = false; }
        sb.Append('\n');
    }
}
