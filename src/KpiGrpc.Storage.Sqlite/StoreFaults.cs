using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// Test seam: makes the writer's Nth write statement, its next COMMIT or its next ROLLBACK fail
/// as a full disk makes them fail, with or without SQLite having rolled the transaction back
/// itself (it does on SQLITE_FULL at COMMIT). Each fault fires once. Armed only by tests; a
/// store opened by the public API has one that never fires.
/// </summary>
internal sealed class StoreFaults
{
    private const int SqliteFull = 13;
    private const int SqliteIoError = 10;

    private int _writesBeforeFailure = -1;
    private bool _writeRollsBack;
    private bool _failCommit;
    private bool _commitRollsBack;
    private bool _failRollback;

    /// <summary>The <paramref name="nth"/> write statement from now (1: the next) fails.</summary>
    public void FailWrite(int nth, bool sqliteRollsBack) => (_writesBeforeFailure, _writeRollsBack) = (nth - 1, sqliteRollsBack);

    public void FailCommit(bool sqliteRollsBack) => (_failCommit, _commitRollsBack) = (true, sqliteRollsBack);

    /// <summary>The next ROLLBACK fails and leaves the transaction open.</summary>
    public void FailRollback() => _failRollback = true;

    /// <summary>Whether a fault is still waiting for its statement.</summary>
    public bool Armed => _writesBeforeFailure >= 0 || _failCommit || _failRollback;

    public void Disarm() => (_writesBeforeFailure, _failCommit, _failRollback) = (-1, false, false);

    public void BeforeWrite(StoreConnection connection)
    {
        if (_writesBeforeFailure < 0 || _writesBeforeFailure-- > 0)
        {
            return;
        }

        FailAsAFullDisk(connection, _writeRollsBack);
    }

    public void BeforeCommit(StoreConnection connection)
    {
        if (_failCommit)
        {
            _failCommit = false;
            FailAsAFullDisk(connection, _commitRollsBack);
        }
    }

    public void BeforeRollback()
    {
        if (_failRollback)
        {
            _failRollback = false;
            throw new SqliteException("disk I/O error (injected at ROLLBACK)", SqliteIoError);
        }
    }

    private static void FailAsAFullDisk(StoreConnection connection, bool sqliteRollsBack)
    {
        if (sqliteRollsBack)
        {
            connection.Execute("ROLLBACK");
        }

        throw new SqliteException("database or disk is full (injected)", SqliteFull);
    }
}
