using KpiGrpc.Core.Storage;
using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>SQLite's errors that mean something to a client or an operator, as the store's domain exceptions.</summary>
internal static class StoreErrors
{
    public const int SqliteCorrupt = 11;
    public const int SqliteFull = 13;
    public const int SqliteNotADatabase = 26;

    /// <summary>A full disk or a damaged file as <see cref="StoreFullException"/> or <see cref="StoreDamagedException"/>; anything else as it is.</summary>
    public static Exception Translate(Exception error, SqliteStoreOptions options) => error switch
    {
        SqliteException { SqliteErrorCode: SqliteFull } => new StoreFullException(Path.GetFullPath(options.DataDirectory), FreeBytes(options.DataDirectory), error),
        SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase } sqlite => Damaged(options, sqlite),
        _ => error,
    };

    public static StoreDamagedException Damaged(SqliteStoreOptions options, SqliteException error) => new(
        Path.GetFullPath(options.DatabasePath),
        $"the database is damaged (SQLite: {error.Message}).",
        $"Stop the server and keep a copy of {Path.GetFullPath(options.DataDirectory)}; `--verify` reports what is affected. "
        + "Restore the directory from a backup, or salvage a copy with `sqlite3 kpi.db .recover`.",
        error);

    /// <summary>Damage found by the store itself (a row pointing nowhere), reported as SQLite reports a damaged page.</summary>
    public static SqliteException Corrupt(string what) => new($"database disk image is malformed: {what}", SqliteCorrupt);

    /// <summary>What the disk holding <paramref name="directory"/> has left for this user; null when the system cannot tell.</summary>
    public static long? FreeBytes(string directory)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
