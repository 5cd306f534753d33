using Npgsql;

namespace Names.Testing;

/// <summary>
/// The throw-away PostgreSQL that test.sh starts (NAMES_TEST_PG). Each test gets a schema of its own, so tests run in
/// parallel on one server. Without NAMES_TEST_PG the PostgreSQL tests are skipped with a message locally and fail
/// in CI (CI=true), where the server must be there.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "NAMES_TEST_PG";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static readonly Lazy<Task> Extension = new(async () =>
    {
        await using var c = new NpgsqlConnection(Require());
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public", c);
        await cmd.ExecuteNonQueryAsync();
    });

    private static string Require() => ConnectionString
        ?? throw new InvalidOperationException($"{Variable} is not set: run the tests through ./test.sh, which starts a throw-away PostgreSQL.");

    /// <summary>Connection string whose search path is a new, empty schema (pg_trgm from public).</summary>
    public static async Task<string> CreateSchemaAsync()
    {
        await Extension.Value;
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var c = new NpgsqlConnection(Require()))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", c); // generated identifier, not input
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(Require()) { SearchPath = schema + ",public" }.ConnectionString;
    }
}

/// <summary>A fact that needs PostgreSQL: skipped (visibly) when NAMES_TEST_PG is missing, except in CI where it runs and fails.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.ConnectionString is null && !TestPostgres.InCi)
            Skip = $"{TestPostgres.Variable} not set (./test.sh starts a PostgreSQL for these tests)";
    }
}
