using Microsoft.Data.Sqlite;

using Names.Resolver.Service;

namespace Names.Resolver.Storage.Sqlite;

/// <summary>
/// An open connection kept by <see cref="SqliteOnlineRegistry"/> between requests with its prepared statements:
/// preparing SQL costs more than running these small indexed queries, so each statement is prepared once per
/// connection. Parameters are positional ($a, $b ...). Used by one request at a time.
/// </summary>
internal sealed class SqliteConnectionLease(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    /// <summary>The transaction the prepared commands run in (null: autocommit).</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>The prepared command for <paramref name="sql"/> with its parameters set to <paramref name="values"/>.</summary>
    public SqliteCommand Command(string sql, params object?[] values)
    {
        if (!_prepared.TryGetValue(sql, out var cmd))
        {
            cmd = Connection.CreateCommand();
            cmd.CommandText = sql;
            for (int i = 0; i < values.Length; i++) cmd.Parameters.Add(new SqliteParameter(SqliteSql.ParamNames[i], values[i] ?? DBNull.Value));
            cmd.Prepare();
            _prepared[sql] = cmd;
        }
        cmd.Transaction = Transaction;
        for (int i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        return cmd;
    }

    public void Dispose()
    {
        foreach (var cmd in _prepared.Values) cmd.Dispose();
        _prepared.Clear();
        Connection.Dispose();
    }
}
