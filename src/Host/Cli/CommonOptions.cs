using System.CommandLine;

namespace Names.Host.Cli;

/// <summary>Options shared by the commands that read a names CSV (clean, resolve, eval ...).</summary>
public static class CommonOptions
{
    public static Argument<string> Input() => new("INPUT") { Description = "CSV file with a header row, or - for standard input" };

    public static Option<string> NameColumn() => new("--column")
    {
        Description = "column holding the raw names",
        DefaultValueFactory = _ => "name",
    };

    public static Option<string?> CountryColumn() => new("--country-column") { Description = "column holding the ISO 3166 alpha-2 country (optional)" };

    public static Option<string?> KindColumn() => new("--kind-column") { Description = "column holding the entity kind hint: person / legal_entity (optional)" };

    public static Option<string> Out() => new("--out")
    {
        Description = "output CSV file, or - for standard output",
        DefaultValueFactory = _ => "-",
    };

    public static Option<bool> ProtectFormulas() => new("--protect-formulas")
    {
        Description = "write every output field that starts with = + - @, tab or CR quoted behind a ' so a spreadsheet shows it " +
                      "as text instead of running it as a formula (without it, the summary warns about such fields)",
    };

    /// <summary>The summary line that warns about fields a spreadsheet would run, or null when there are none.</summary>
    public static string? FormulaWarning(long fields, long firstLine, bool protectedFields, string lineKind = "input line") => fields == 0 ? null
        : protectedFields
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{fields:N0} fields protected (first on {lineKind} {firstLine:N0})")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{fields:N0} output fields start like a spreadsheet formula (= + - @, tab or CR; first on {lineKind} {firstLine:N0}): ") +
              "a spreadsheet may run them; --protect-formulas writes them as text";

    /// <summary>An unknown option lands in the INPUT argument ("names clean --colum x"): say so instead of "file not found".</summary>
    public static void CheckInput(string input)
    {
        if (input.StartsWith('-') && input != "-" && !File.Exists(input))
            throw new CliUsageException($"unknown option '{input}' (INPUT is a file path or - for standard input)");
    }

    /// <summary>Writing over the file being read would destroy it: refuse before opening anything.</summary>
    public static void CheckDistinct(string input, params (string Option, string? Path)[] outputs)
    {
        var seen = new List<(string Option, string Full)>();
        if (input != "-") seen.Add(("INPUT", System.IO.Path.GetFullPath(input)));
        foreach (var (option, path) in outputs)
        {
            if (path is null || !StagedOutputFile.IsStaged(path)) continue; // -, /dev/null ...: several outputs may share it
            var full = System.IO.Path.GetFullPath(path);
            foreach (var (other, otherFull) in seen)
                if (string.Equals(full, otherFull, StringComparison.Ordinal))
                    throw new CliUsageException($"{option} and {other} name the same file '{path}'");
            seen.Add((option, full));
        }
    }

    /// <summary>Where rejects go when --rejects is not given: next to the output file, else next to the input file,
    /// else (stdin to stdout) <c>stdin.rejects.csv</c> in the current directory.</summary>
    public static string DefaultRejectsPath(string input, string output)
    {
        static string Sibling(string path) =>
            System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".",
                System.IO.Path.GetFileNameWithoutExtension(path) + ".rejects.csv");
        if (output != "-") return Sibling(output);
        if (input != "-") return Sibling(input);
        return System.IO.Path.GetFullPath("stdin.rejects.csv");
    }
}
