using System.Buffers.Binary;
using KpiGrpc.Core.Storage;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// The checks made on the store's files before SQLite opens them (SQLite would not complain:
/// it creates an empty database in place of a missing one, reads a truncated one until a query
/// falls off its end, and recovers a damaged write-ahead log up to the damage, silently).
/// </summary>
internal static class StoreFiles
{
    private static ReadOnlySpan<byte> Magic => "SQLite format 3\0"u8;

    /// <summary>
    /// A missing or empty database where a store was created (<see cref="StoreMarker"/>): checked
    /// before SQLite opens the file, which would create an empty database in its place.
    /// </summary>
    public static StoreDamagedException? Lost(SqliteStoreOptions options)
    {
        var database = new FileInfo(options.DatabasePath);
        if ((database.Exists && database.Length > 0) || !StoreMarker.Exists(options))
        {
            return null;
        }

        return new StoreDamagedException(
            database.FullName,
            $"the database is {(database.Exists ? "empty (0 bytes)" : "missing")}, but a store was created here on {StoreMarker.CreatedAt(options)} ({StoreMarker.PathOf(options)} says so): its data were lost.",
            $"Restore {options.FileName} from a backup. To start an empty store here on purpose, delete {StoreMarker.PathOf(options)}.");
    }

    /// <summary>
    /// The first 100 bytes of the database file (fewer when it is shorter; none when it does not
    /// exist). Read it BEFORE SQLite opens the file: SQLite's lock is a POSIX record lock, which
    /// belongs to the process and is dropped when any descriptor of the file is closed, so opening
    /// and closing the file beside SQLite's connection would let a second server in.
    /// </summary>
    public static byte[] ReadHeader(SqliteStoreOptions options)
    {
        if (!File.Exists(options.DatabasePath))
        {
            return [];
        }

        using var file = new FileStream(options.DatabasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var header = new byte[100];
        var read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return header[..read];
    }

    /// <summary>
    /// Every problem of an existing database file (its <paramref name="header"/>, from
    /// <see cref="ReadHeader"/>) and its write-ahead log, worst first; empty when they look sound.
    /// Call it holding the database's lock, so that no writer is appending.
    /// </summary>
    public static List<StoreDamagedException> Inspect(SqliteStoreOptions options, byte[] header, out WalInspection wal)
    {
        wal = WalInspection.None;
        var problems = new List<StoreDamagedException>();
        var database = new FileInfo(options.DatabasePath);
        if (header.Length == 0 || !database.Exists || database.Length == 0)
        {
            // No file, or an empty one, before SQLite opened it: a new store.
            return problems;
        }

        if (header.Length < 100 || !header.AsSpan(0, 16).SequenceEqual(Magic))
        {
            problems.Add(new StoreDamagedException(
                database.FullName,
                "the file is not a SQLite database (its header is damaged or it was overwritten).",
                "Restore it from a backup."));
            return problems;
        }

        var pageSize = PageSize(header);
        wal = WalFrames.Inspect(options.DatabasePath + "-wal", pageSize);
        if (wal.LostCommits > 0)
        {
            problems.Add(new StoreDamagedException(
                options.DatabasePath + "-wal",
                $"the write-ahead log is damaged at {wal.DamageLocation}: SQLite would recover {wal.Commits:N0} transactions before it and silently drop the {wal.LostCommits:N0} committed after it (acknowledged batches among them).",
                $"Keep a copy of {Path.GetFullPath(options.DataDirectory)}. Restore it from a backup, or run the server once with --repair to keep what precedes the damage (the batches of the dropped transactions must then be sent again)."));
        }

        // Pages still in the log need not be in the file yet; without a log the file holds them all.
        if (wal.Frames == 0 && DeclaredPages(header) is { } pages && database.Length < pages * pageSize)
        {
            problems.Add(new StoreDamagedException(
                database.FullName,
                $"the database is truncated: {database.Length:N0} bytes, where its header declares {pages:N0} pages of {pageSize:N0} bytes ({pages * pageSize:N0} bytes).",
                "Restore it from a backup."));
        }

        return problems;
    }

    /// <summary>Throws the worst problem <see cref="Inspect"/> finds, if any: the store must not start on such files.</summary>
    public static void Check(SqliteStoreOptions options, byte[] header)
    {
        if (Inspect(options, header, out _) is [var worst, ..])
        {
            throw worst;
        }
    }

    private static int PageSize(byte[] header)
    {
        var size = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16));
        return size == 1 ? 65536 : size;
    }

    /// <summary>The page count in the header, when SQLite marks it valid (its change counter matches the version-valid-for number).</summary>
    private static long? DeclaredPages(byte[] header)
    {
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        var valid = pages > 0 && BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24)) == BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92));
        return valid ? pages : null;
    }
}
