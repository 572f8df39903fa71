using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace KpiGrpc.Testing;

/// <summary>What a disk, a copy or a crash does to a store's files (kpi.db and its write-ahead log), done on purpose.</summary>
public static class StoreFileDamage
{
    public const int PageSize = 8192;
    private const int WalHeader = 32;
    private const int FrameHeader = 24;

    /// <summary>Copies the database and its write-ahead log as they are on disk now: what a kill -9 leaves.</summary>
    public static void CopyAsCrashed(string fromDirectory, string toDirectory)
    {
        Directory.CreateDirectory(toDirectory);
        foreach (var name in new[] { "kpi.db", "kpi.db-wal", "kpi.db.created" })
        {
            if (File.Exists(Path.Combine(fromDirectory, name)))
            {
                File.Copy(Path.Combine(fromDirectory, name), Path.Combine(toDirectory, name));
            }
        }
    }

    /// <summary>The index of every commit frame of the write-ahead log, in order.</summary>
    public static List<int> CommitFrames(string walPath)
    {
        var bytes = File.ReadAllBytes(walPath);
        var commits = new List<int>();
        for (var frame = 0; WalHeader + ((frame + 1) * (FrameHeader + PageSize)) <= bytes.Length; frame++)
        {
            if (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(WalHeader + (frame * (FrameHeader + PageSize)) + 4)) != 0)
            {
                commits.Add(frame);
            }
        }

        return commits;
    }

    /// <summary>Flips one bit in the page data of a frame of the write-ahead log.</summary>
    public static void FlipBitInWalFrame(string walPath, int frame) =>
        FlipBit(walPath, WalHeader + (frame * (FrameHeader + PageSize)) + FrameHeader + 100, bit: 3);

    public static void FlipBit(string path, long offset, int bit)
    {
        using var file = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
        var one = new byte[1];
        RandomAccess.Read(file.SafeFileHandle, one, offset);
        one[0] ^= (byte)(1 << bit);
        RandomAccess.Write(file.SafeFileHandle, one, offset);
    }

    /// <summary>Overwrites the end of a table's root page (where SQLite puts its rows) with zeros.</summary>
    public static void ZeroRowsOfTable(string databasePath, string table)
    {
        var page = RootPage(databasePath, table);
        using var file = File.Open(databasePath, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.Write(file.SafeFileHandle, new byte[PageSize / 2], ((page - 1) * (long)PageSize) + (PageSize / 2));
    }

    /// <summary>
    /// Flips one bit of one count of the rollup of <paramref name="slot"/> where it is stored in
    /// the file (the store must be stopped and compacted, <see cref="Compact"/>, so that the row
    /// is written once); returns the count's value before and after.
    /// </summary>
    public static (long Before, long After) FlipBitInRollup(string databasePath, long slot, string column, int bit)
    {
        var (values, names) = RollupRow(databasePath, slot);
        var record = SqliteRecord.Encode(values, out var bodyOffsets);
        var bytes = File.ReadAllBytes(databasePath);
        var at = bytes.AsSpan().IndexOf(record);
        if (at < 0 || bytes.AsSpan(at + 1).IndexOf(record) >= 0)
        {
            throw new InvalidOperationException($"the rollup of slot {slot} is not stored exactly once in {databasePath}");
        }

        var index = Array.IndexOf(names, column);
        var size = SqliteRecord.BodySize(values[index]);
        if (size != 1)
        {
            throw new InvalidOperationException($"{column} = {values[index]} is not stored as one byte");
        }

        FlipBit(databasePath, at + bodyOffsets[index], bit);
        return (values[index], (sbyte)((byte)values[index] ^ (1 << bit)));
    }

    /// <summary>Copies the log into the database and rewrites it compactly (VACUUM): every row stored once, no stale copies.</summary>
    public static void Compact(string databasePath)
    {
        Checkpoint(databasePath);
        Execute(databasePath, "VACUUM");
        Checkpoint(databasePath);
    }

    /// <summary>Opens the database with plain SQLite and closes it: the log is copied into it and deleted, as at a clean stop.</summary>
    public static void Checkpoint(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        command.ExecuteNonQuery();
    }

    /// <summary>Runs SQL on a stopped store's database, as a tool (or a stray write) would.</summary>
    public static void Execute(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static (long[] Values, string[] Names) RollupRow(string databasePath, long slot)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=false;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM rollups WHERE slot = $slot";
        command.Parameters.AddWithValue("$slot", slot);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException($"no rollup at slot {slot}");
        }

        return ([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetInt64)], [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)]);
    }

    private static long RootPage(string databasePath, string table)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=false;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT rootpage FROM sqlite_schema WHERE name = $name";
        command.Parameters.AddWithValue("$name", table);
        return (long)command.ExecuteScalar()!;
    }
}
