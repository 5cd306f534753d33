namespace Names.Host.Cli;

/// <summary>A file holding a PostgreSQL connection string (<c>--pg-file</c>, or a systemd credential), so that no secret is on a command line.</summary>
public static class PostgresConnectionFile
{
    /// <summary>The connection string (surrounding white space dropped); a file every local user can read gets a warning.</summary>
    public static string Read(string path, TextWriter warnings)
    {
        string text;
        try { text = File.ReadAllText(path).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliIoException($"cannot read the PostgreSQL connection file '{path}': {e.Message}", e);
        }
        if (text.Length == 0) throw new CliIoException($"the PostgreSQL connection file '{path}' is empty");
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.OtherRead) != 0)
            warnings.WriteLine($"names: warning: '{path}' holds the PostgreSQL connection and every local user can read it; chmod o-r '{path}' (600, or 640 for the service's group)");
        return text;
    }

    public static bool HasPassword(string connection)
    {
        try { return !string.IsNullOrEmpty(new Npgsql.NpgsqlConnectionStringBuilder(connection).Password); }
        catch (ArgumentException) { return connection.Contains("password", StringComparison.OrdinalIgnoreCase); }
    }
}
