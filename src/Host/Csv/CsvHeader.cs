namespace Names.Host.Csv;

/// <summary>The header row of a CSV input and lookup of columns by name (exact first, then ignoring case).</summary>
public sealed class CsvHeader(IReadOnlyList<string> columns)
{
    public IReadOnlyList<string> Columns { get; } = columns;

    public int? Find(string name)
    {
        for (var i = 0; i < Columns.Count; i++) if (Columns[i] == name) return i;
        for (var i = 0; i < Columns.Count; i++) if (string.Equals(Columns[i].Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        return null;
    }

    /// <summary>Index of a column the user asked for; a <see cref="CsvColumnNotFoundException"/> listing the available ones otherwise.</summary>
    public int Require(string name, string optionName) =>
        Find(name) ?? throw new CsvColumnNotFoundException(name, optionName, Columns);
}

/// <summary>A column named on the command line is not in the input's header.</summary>
public sealed class CsvColumnNotFoundException(string column, string optionName, IReadOnlyList<string> available)
    : Exception($"column '{column}' ({optionName}) is not in the input; available columns: {string.Join(", ", available.Select(c => $"'{c}'"))}")
{
    public string Column { get; } = column;
    public IReadOnlyList<string> Available { get; } = available;
}
