using System.Reflection;

namespace Names.Normalization.Lexicon;

/// <summary>Reads the data files under Data/ that ship inside the assembly (see Data/SOURCE.md).</summary>
internal static class EmbeddedDataFile
{
    private const string Prefix = "Names.Normalization.Data.";

    /// <summary>Lines of a data file without blank lines and '#' comments. <paramref name="path"/> is e.g. "lists/titles.txt".</summary>
    public static IEnumerable<string> ReadLines(string path, bool skipComments = true)
    {
        using var reader = Open(path);
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0 || (skipComments && line[0] == '#')) continue;
            if (line.Trim().Length == 0) continue;
            yield return line;
        }
    }

    public static StreamReader Open(string path)
    {
        // the csproj names resources Data.<dir>/<file> (RecursiveDir keeps the slash); accept the dotted form too
        var assembly = typeof(EmbeddedDataFile).Assembly;
        var name = Prefix + path;
        var stream = assembly.GetManifestResourceStream(name)
            ?? assembly.GetManifestResourceStream(Prefix + path.Replace('/', '.'))
            ?? assembly.GetManifestResourceStream(Prefix + path.Replace('/', '\\'))
            ?? throw new InvalidOperationException($"Normalisation data file '{path}' is missing from the assembly (resource {name}).");
        return new StreamReader(stream, System.Text.Encoding.UTF8);
    }

    /// <summary>Tab-separated rows (comments skipped).</summary>
    public static IEnumerable<string[]> ReadTsv(string path)
    {
        foreach (var line in ReadLines(path)) yield return line.Split('\t');
    }
}
