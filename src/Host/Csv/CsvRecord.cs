namespace Names.Host.Csv;

/// <summary>One data row of a CSV input: its fields and the physical line (1-based, header = line 1) it starts on.</summary>
public readonly record struct CsvRecord(long Line, string[] Fields);

/// <summary>A physical line that could not be read as a record: why, and its text (NUL shown as U+2400, cut at
/// <see cref="CsvReaderLimits.MaxRawLength"/> characters).</summary>
public readonly record struct CsvReject(long Line, string Reason, string Raw);

/// <summary>Bounds that keep a malformed input from eating the memory or the rest of the file.</summary>
public sealed record CsvReaderLimits
{
    /// <summary>A field, or a record whose quote never closes, longer than this is rejected.</summary>
    public int MaxFieldLength { get; init; } = 1 << 20;
    /// <summary>Rejected raw text is cut to this many characters.</summary>
    public int MaxRawLength { get; init; } = 10_000;
}
