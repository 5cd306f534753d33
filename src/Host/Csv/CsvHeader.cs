namespace Names.Host.Csv;

/// <summary>The header row of a CSV input and lookup of columns by name (exact first, then ignoring case and
/// surrounding spaces). A name that matches two columns is refused rather than silently resolved to one of them.</summary>
public sealed class CsvHeader(IReadOnlyList<string> columns)
{
    public IReadOnlyList<string> Columns { get; } = columns;

    public int? Find(string name)
    {
        var matches = Matches(name);
        return matches.Count == 0 ? null : matches[0];
    }

    /// <summary>Index of a column the user asked for; a <see cref="CsvColumnNotFoundException"/> listing the available
    /// ones when absent, a <see cref="CsvColumnAmbiguousException"/> when the header holds it more than once.</summary>
    public int Require(string name, string optionName)
    {
        var matches = Matches(name);
        if (matches.Count == 0) throw new CsvColumnNotFoundException(name, optionName, Columns);
        if (matches.Count > 1) throw new CsvColumnAmbiguousException(name, optionName, matches);
        return matches[0];
    }

    private List<int> Matches(string name)
    {
        var exact = new List<int>();
        for (var i = 0; i < Columns.Count; i++) if (Columns[i] == name) exact.Add(i);
        if (exact.Count > 0) return exact;
        var loose = new List<int>();
        for (var i = 0; i < Columns.Count; i++)
            if (string.Equals(Columns[i].Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)) loose.Add(i);
        return loose;
    }
}

/// <summary>A column named on the command line is not in the input's header.</summary>
public sealed class CsvColumnNotFoundException(string column, string optionName, IReadOnlyList<string> available)
    : Exception($"column '{column}' ({optionName}) is not in the input; available columns: {string.Join(", ", available.Select(c => $"'{c}'"))}{DelimiterHint(available)}")
{
    public string Column { get; } = column;
    public IReadOnlyList<string> Available { get; } = available;

    /// <summary>A one-column header holding ';' or a tab is nearly always a file written with another separator.</summary>
    private static string DelimiterHint(IReadOnlyList<string> available)
    {
        if (available.Count != 1) return "";
        var other = available[0].Contains(';') ? "';'" : available[0].Contains('\t') ? "tab" : null;
        return other is null ? "" : $" (the header looks {other}-separated; names reads comma-separated CSV: convert the file first)";
    }
}

/// <summary>A column named on the command line appears more than once in the input's header.</summary>
public sealed class CsvColumnAmbiguousException(string column, string optionName, IReadOnlyList<int> positions)
    : Exception($"column '{column}' ({optionName}) appears {positions.Count} times in the input's header " +
                $"(columns {string.Join(", ", positions.Select(p => p + 1))}); rename the one that is not meant so the choice is unambiguous")
{
    public string Column { get; } = column;
}
