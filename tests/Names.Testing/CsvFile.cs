namespace Names.Testing;

/// <summary>The labelled data sets: where they are and their rows.</summary>
public static class CsvFile
{
    public static string DatasetsRoot
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (dir is not null && !Directory.Exists(Path.Combine(dir, "datasets"))) dir = Path.GetDirectoryName(dir);
            return Path.Combine(dir ?? throw new DirectoryNotFoundException("datasets folder not found above " + AppContext.BaseDirectory), "datasets");
        }
    }

    /// <summary>Rows as header-keyed dictionaries, parsed by the library's own benchmark reader.</summary>
    public static List<Dictionary<string, string>> Read(string path) => Names.Resolver.Evaluation.CsvText.ReadRecords(File.ReadAllText(path));
}
