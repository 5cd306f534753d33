using Names.Host.Csv;

namespace Names.Host.Cleaning;

/// <summary>
/// One shared string per distinct short value of a low-cardinality column (country, kind) instead of one string per
/// row: rows wait in batches long enough for their strings to survive a young-generation GC, and copying them was a
/// large part of the clean pipeline's GC time. Bounded; one instance per reader thread.
/// </summary>
internal sealed class RepeatedFieldValues
{
    private const int MaxValueLength = 16;
    private const int MaxValues = 4096;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public RepeatedFieldValues() => _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Field <paramref name="index"/> of the reader's current record.</summary>
    public string Get(CsvRecordReader reader, int index)
    {
        if (!reader.TryGetPlainField(index, out var value) || value.Length > MaxValueLength) return reader.FieldText(index);
        if (_lookup.TryGetValue(value, out var shared)) return shared;
        var text = value.ToString();
        if (_values.Count < MaxValues) _values[text] = text;
        return text;
    }
}
