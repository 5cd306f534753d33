namespace Names.Testing;

/// <summary>Files of the repository the tests read (docs, test data), found above the test output directory.</summary>
public static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            var d = new DirectoryInfo(AppContext.BaseDirectory);
            while (d is not null && !File.Exists(Path.Combine(d.FullName, "Names.sln"))) d = d.Parent;
            return d?.FullName ?? throw new DirectoryNotFoundException("Names.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
