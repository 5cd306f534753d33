namespace Names.Host.Cli;

/// <summary>The end-of-run summary every bulk command prints on stderr: aligned "label: value" lines.</summary>
public sealed class CliSummary(string title)
{
    private readonly List<(string Label, string Value)> _lines = new();

    public CliSummary Add(string label, string value) { _lines.Add((label, value)); return this; }

    /// <summary>Adds the line only when there is something to say.</summary>
    public CliSummary AddIf(string label, string? value) => value is null ? this : Add(label, value);

    public void WriteTo(TextWriter writer)
    {
        var width = _lines.Count == 0 ? 0 : _lines.Max(l => l.Label.Length);
        writer.WriteLine(title);
        foreach (var (label, value) in _lines) writer.WriteLine($"  {label.PadRight(width)}  {value}");
        writer.Flush();
    }
}
