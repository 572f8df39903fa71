using KpiGrpc.Core.Counting;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// A statement prepared once on the writer's connection and stepped through SQLitePCL's raw
/// API: the hot path binds and steps with no per-row ADO.NET objects. Parameters are positional
/// (1-based, in the order the ? appear); columns are 0-based.
/// </summary>
internal sealed class Statement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly StoreConnection _connection;
    private byte[] _utf8 = new byte[256];

    public Statement(StoreConnection connection, string sql)
    {
        _db = connection.Sqlite.Handle!;
        _connection = connection;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public Statement Bind(int position, string value)
    {
        // Encoded into a reused buffer (SQLite copies it): no allocation per bound string.
        var length = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < length)
        {
            _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        }

        var written = System.Text.Encoding.UTF8.GetBytes(value, _utf8);
        Check(raw.sqlite3_bind_text(_statement, position, _utf8.AsSpan(0, written)));
        return this;
    }

    public Statement Bind(int position, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, position, value));
        return this;
    }

    /// <summary>Binds the ten counts at <paramref name="first"/> and the nine positions after it, in <see cref="RollupTable.CounterColumns"/> order.</summary>
    public Statement Bind(int first, in KpiCounters c) => Bind(first, c.Dialed).Bind(first + 1, c.Connected).Bind(first + 2, c.Answered)
        .Bind(first + 3, c.Rejected).Bind(first + 4, c.Pitched).Bind(first + 5, c.Appointments).Bind(first + 6, c.Sales)
        .Bind(first + 7, c.Dropped).Bind(first + 8, c.TalkMilliseconds).Bind(first + 9, c.LoggedMilliseconds);

    /// <summary>Runs a statement that returns no rows; the number of rows it changed.</summary>
    public int Execute()
    {
        try
        {
            _connection.Faults.BeforeWrite(_connection);
            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_DONE && result != raw.SQLITE_ROW)
            {
                Check(result);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Steps to the next row; false at the end. Call <see cref="Reset"/> when done reading.</summary>
    public bool Read()
    {
        var result = raw.sqlite3_step(_statement);
        if (result == raw.SQLITE_ROW)
        {
            return true;
        }

        if (result != raw.SQLITE_DONE)
        {
            raw.sqlite3_reset(_statement);
            Check(result);
        }

        return false;
    }

    public string GetString(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    /// <summary>The ten counts from <paramref name="first"/> on, in <see cref="RollupTable.CounterColumns"/> order.</summary>
    public KpiCounters GetCounters(int first) => new(
        GetInt64(first), GetInt64(first + 1), GetInt64(first + 2), GetInt64(first + 3), GetInt64(first + 4),
        GetInt64(first + 5), GetInt64(first + 6), GetInt64(first + 7), GetInt64(first + 8), GetInt64(first + 9));

    public void Reset() => raw.sqlite3_reset(_statement);

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result);
        }
    }
}
