using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// The writer's connection: the statements prepared on it and its transactions. A failed write
/// or COMMIT may leave SQLite's transaction open, or rolled back by SQLite itself (a full disk
/// at COMMIT): <see cref="RollBack"/> copes with both, and a transaction that a failed ROLLBACK
/// left open is rolled back before anything else is written, so nothing ever lands in it.
/// </summary>
internal sealed class StoreConnection(SqliteConnection connection, StoreFaults faults) : IDisposable
{
    public SqliteConnection Sqlite => connection;

    public StoreFaults Faults => faults;

    /// <summary>True while a transaction is open (SQLite is out of autocommit mode).</summary>
    public bool InTransaction => raw.sqlite3_get_autocommit(connection.Handle) == 0;

    public void Execute(string sql) => SqliteSchema.Execute(connection, sql);

    public void Begin()
    {
        EndLeftoverTransaction();
        Execute("BEGIN IMMEDIATE");
    }

    public void Commit()
    {
        faults.BeforeCommit(this);
        Execute("COMMIT");
    }

    /// <summary>
    /// Rolls the transaction back unless SQLite already did. Never throws: the caller's error is
    /// the one to report, and a transaction still open is ended by <see cref="EndLeftoverTransaction"/>.
    /// </summary>
    public void RollBack()
    {
        try
        {
            EndLeftoverTransaction();
        }
        catch (Exception)
        {
            // Still open: the next write or probe rolls it back first, or fails.
        }
    }

    /// <summary>Rolls back a transaction left open; throws when it cannot, so that nothing is written inside it.</summary>
    public void EndLeftoverTransaction()
    {
        if (InTransaction)
        {
            faults.BeforeRollback();
            Execute("ROLLBACK");
        }
    }

    public void Dispose() => connection.Dispose();
}
