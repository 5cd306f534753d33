using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Names.Resolver.Storage.Sqlite;

/// <summary>
/// The row writes of a bulk batch through SQLite's C API (SQLitePCL.raw), in the connection's open transaction: each
/// text prepared once per batch, its positional parameters ($a, $b ...) bound by index (strings through one reused
/// UTF-8 buffer, which SQLite copies), stepped and reset. A bulk batch writes hundreds of thousands of rows, and a
/// Microsoft.Data.Sqlite command allocates per execution and per value what SQLite itself does not need.
/// </summary>
internal sealed class SqliteRowStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, (sqlite3_stmt Statement, int[] Index)> _prepared = new(StringComparer.Ordinal);
    private byte[] _utf8 = new byte[1024];

    /// <summary>Runs <paramref name="sql"/> with <paramref name="values"/> as $a, $b ... (null as NULL).</summary>
    public void Execute(string sql, object?[] values)
    {
        var db = connection.Handle!;
        if (!_prepared.TryGetValue(sql, out var prepared))
        {
            Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
            var index = new int[values.Length];
            for (int i = 0; i < values.Length; i++) index[i] = raw.sqlite3_bind_parameter_index(statement, SqliteSql.ParamNames[i]);
            _prepared[sql] = prepared = (statement, index);
        }
        var (stmt, at) = prepared;
        for (int i = 0; i < values.Length; i++) Check(db, Bind(stmt, at[i], values[i]));
        var rc = raw.sqlite3_step(stmt);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            var message = raw.sqlite3_errmsg(db).utf8_to_string();
            raw.sqlite3_reset(stmt);
            throw new SqliteException($"SQLite Error {rc}: '{message}'.", rc);
        }
        raw.sqlite3_reset(stmt);
    }

    private int Bind(sqlite3_stmt stmt, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(stmt, index),
        string s => BindText(stmt, index, s),
        long n => raw.sqlite3_bind_int64(stmt, index, n),
        int n => raw.sqlite3_bind_int64(stmt, index, n),
        double d => raw.sqlite3_bind_double(stmt, index, d),
        _ => throw new ArgumentException($"a bulk row value of type {value.GetType().Name} has no SQLite binding here"),
    };

    private int BindText(sqlite3_stmt stmt, int index, string s)
    {
        if (s.Length == 0) return raw.sqlite3_bind_text(stmt, index, ""); // an empty span has no address: SQLite would bind NULL
        var most = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (_utf8.Length < most) _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        var length = Encoding.UTF8.GetBytes(s, _utf8);
        return raw.sqlite3_bind_text(stmt, index, _utf8.AsSpan(0, length));
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK) throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'.", rc);
    }

    public void Dispose()
    {
        foreach (var (statement, _) in _prepared.Values) raw.sqlite3_finalize(statement);
        _prepared.Clear();
    }
}
