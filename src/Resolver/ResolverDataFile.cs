namespace Names.Resolver;

/// <summary>Reads the data files under Data/ that ship inside the assembly (see Data/SOURCE.md).</summary>
internal static class ResolverDataFile
{
    /// <summary>Lines without blank lines and '#' comments.</summary>
    public static IEnumerable<string> ReadLines(string fileName)
    {
        using var reader = Open(fileName);
        var lines = new List<string>();
        string? line;
        while ((line = reader.ReadLine()) != null)
            if (line.Trim().Length > 0 && line[0] != '#') lines.Add(line);
        return lines;
    }

    /// <summary>The whole file (e.g. a model's JSON).</summary>
    public static string ReadText(string fileName)
    {
        using var reader = Open(fileName);
        return reader.ReadToEnd();
    }

    private static StreamReader Open(string fileName)
    {
        var name = "Names.Resolver.Data." + fileName.Replace('/', '.');
        var stream = typeof(ResolverDataFile).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resolver data file '{fileName}' is missing from the assembly (resource {name})");
        return new StreamReader(stream, System.Text.Encoding.UTF8);
    }
}
