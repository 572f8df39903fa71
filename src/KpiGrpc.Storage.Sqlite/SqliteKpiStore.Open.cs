using KpiGrpc.Core.Storage;
using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>Opening the store: its files checked before anything is written or loaded into memory.</summary>
public sealed partial class SqliteKpiStore
{
    /// <summary>
    /// Opens (or creates) the store in <see cref="SqliteStoreOptions.DataDirectory"/> and loads its
    /// rollups, after checking that its files are whole and agree (<see cref="StoreFiles"/>,
    /// <see cref="StartupCheck"/>): a <see cref="StoreDamagedException"/> says what is wrong and what to do.
    /// </summary>
    public static SqliteKpiStore Open(SqliteStoreOptions options) => Open(options, new StoreFaults());

    /// <summary>As <see cref="Open(SqliteStoreOptions)"/>, with a fault seam a test arms.</summary>
    internal static SqliteKpiStore Open(SqliteStoreOptions options, StoreFaults faults)
    {
        Directory.CreateDirectory(options.DataDirectory);
        if (StoreFiles.Lost(options) is { } lost)
        {
            throw lost;
        }

        var header = StoreFiles.ReadHeader(options);
        var connection = new StoreConnection(SqliteSchema.OpenConnection(options.DatabasePath), faults);
        SqliteKpiStore? store = null;
        try
        {
            var version = SqliteSchema.ReadVersion(connection.Sqlite);
            StoreFiles.Check(options, header);
            SqliteSchema.EnsureCreated(connection.Sqlite, version);
            store = new SqliteKpiStore(options, connection);
            StartupCheck.Check(options, store._rollupTable.LoadInto(store._index));
            StoreMarker.Ensure(options, DateTimeOffset.UtcNow);
            SqliteSchema.CheckpointOnClose(connection.Sqlite, true);
            store.StartWriter();
            return store;
        }
        catch (Exception ex)
        {
            var translated = ex switch
            {
                SqliteException { SqliteErrorCode: 5 or 6 } => new InvalidOperationException(
                    $"The data directory {Path.GetFullPath(options.DataDirectory)} is in use by another KpiGrpc server (its database is locked). Stop it or choose another --data-dir.", ex),
                // SQLite found the damage first (it checks a truncated file at its first read): say what it is, when the files tell.
                SqliteException { SqliteErrorCode: StoreErrors.SqliteCorrupt or StoreErrors.SqliteNotADatabase } when StoreFiles.Inspect(options, header, out _) is [var found, ..] => found,
                _ => StoreErrors.Translate(ex, options),
            };
            store?.DisposeTables();
            connection.Dispose();
            if (translated == ex)
            {
                throw;
            }

            throw translated;
        }
    }

    private void StartWriter() =>
        _writer = Task.Factory.StartNew(WriteLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
}
