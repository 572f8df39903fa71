using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>Tables and connection settings. Instants are UTC ticks; durations whole milliseconds.</summary>
internal static class SqliteSchema
{
    /// <summary>2: rollup_totals, the running sum of every rollup, checked at each start.</summary>
    public const int Version = 2;

    // WAL with synchronous=FULL: a commit returns only after the WAL is fsynced, so an ack
    // survives a process kill and a power cut. Exclusive locking: one server owns the file
    // (a second one on the same data directory fails at start-up), and no shared-memory index
    // is locked per transaction. 8 KiB pages (new databases only): fewer B-tree splits on ingest.
    private const string Pragmas = """
        PRAGMA page_size = 8192;
        PRAGMA locking_mode = EXCLUSIVE;
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA temp_store = MEMORY;
        PRAGMA cache_size = -262144;
        PRAGMA wal_autocheckpoint = 10000;
        PRAGMA foreign_keys = OFF;
        """;

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS series (
            series_id INTEGER PRIMARY KEY,
            campaign_id TEXT NOT NULL,
            team_id TEXT NOT NULL,
            operator_id TEXT NOT NULL,
            UNIQUE (campaign_id, team_id, operator_id)
        );

        CREATE TABLE IF NOT EXISTS calls (
            call_id TEXT NOT NULL PRIMARY KEY,
            series_id INTEGER NOT NULL,
            lead_id TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            outcome INTEGER NOT NULL,
            talk_ms INTEGER NOT NULL,
            removal_requested INTEGER NOT NULL,
            revision INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS appointment_results (
            call_id TEXT NOT NULL PRIMARY KEY,
            result INTEGER NOT NULL,
            reported_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS sessions (
            session_id TEXT NOT NULL PRIMARY KEY,
            series_id INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            ended_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS rollups (
            series_id INTEGER NOT NULL,
            slot INTEGER NOT NULL,
            dialed INTEGER NOT NULL,
            connected INTEGER NOT NULL,
            answered INTEGER NOT NULL,
            rejected INTEGER NOT NULL,
            pitched INTEGER NOT NULL,
            appointments INTEGER NOT NULL,
            sales INTEGER NOT NULL,
            dropped INTEGER NOT NULL,
            talk_ms INTEGER NOT NULL,
            logged_ms INTEGER NOT NULL,
            PRIMARY KEY (series_id, slot)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS rollup_totals (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            dialed INTEGER NOT NULL,
            connected INTEGER NOT NULL,
            answered INTEGER NOT NULL,
            rejected INTEGER NOT NULL,
            pitched INTEGER NOT NULL,
            appointments INTEGER NOT NULL,
            sales INTEGER NOT NULL,
            dropped INTEGER NOT NULL,
            talk_ms INTEGER NOT NULL,
            logged_ms INTEGER NOT NULL
        );
        """;

    /// <summary>The running totals of a store written before they existed (schema 1), or of a new one: the sum of its rollups.</summary>
    private const string TotalsFromRollups = """
        INSERT OR IGNORE INTO rollup_totals
        SELECT 1, coalesce(sum(dialed), 0), coalesce(sum(connected), 0), coalesce(sum(answered), 0),
            coalesce(sum(rejected), 0), coalesce(sum(pitched), 0), coalesce(sum(appointments), 0),
            coalesce(sum(sales), 0), coalesce(sum(dropped), 0), coalesce(sum(talk_ms), 0), coalesce(sum(logged_ms), 0)
        FROM rollups
        """;

    public static SqliteConnection OpenConnection(string databasePath)
    {
        var connection = Open(databasePath, SqliteOpenMode.ReadWriteCreate);
        Execute(connection, Pragmas);
        return connection;
    }

    /// <summary>
    /// A connection that reads the store without changing a byte of it, for --verify: writes are
    /// refused (query_only), and the write-ahead log stays as it was found. (A read-only
    /// connection cannot open a log without the shared-memory file, which exclusive mode never makes.)
    /// </summary>
    public static SqliteConnection OpenForReading(string databasePath)
    {
        var connection = Open(databasePath, SqliteOpenMode.ReadWrite);
        Execute(connection, "PRAGMA locking_mode = EXCLUSIVE; PRAGMA query_only = 1; PRAGMA cache_size = -262144;");
        return connection;
    }

    /// <summary>Whether closing the connection copies the write-ahead log into the database and deletes it (SQLite's default, a clean stop).</summary>
    public static void CheckpointOnClose(SqliteConnection connection, bool enabled)
    {
        const int NoCheckpointOnClose = 1006;
        SQLitePCL.raw.sqlite3_db_config(connection.Handle, NoCheckpointOnClose, enabled ? 0 : 1, out _);
    }

    private static SqliteConnection Open(string databasePath, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = mode,
            Pooling = false,
            // Only a second server on the same file ever waits for the lock: fail fast.
            DefaultTimeout = 2,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        // Until the store's files are checked, closing must leave the write-ahead log as found:
        // a checkpoint would copy a damaged log's recovered part into the database and delete the rest.
        CheckpointOnClose(connection, false);
        return connection;
    }

    /// <summary>SQLite's integrity_check: "ok", or up to <paramref name="max"/> lines naming what is damaged.</summary>
    public static List<string> IntegrityCheck(SqliteConnection connection, int max)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA integrity_check({max})";
        command.CommandTimeout = 0;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            // One row may hold several lines ("*** in database main ***" and the first finding).
            lines.AddRange(reader.GetString(0).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return lines;
    }

    public static long Count(SqliteConnection connection, string sql) => Convert.ToInt64(Scalar(connection, sql), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The schema version of the database; the first read, which takes the exclusive lock (SQLITE_BUSY when another server holds it).</summary>
    public static int ReadVersion(SqliteConnection connection) =>
        Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates the tables of a new database, or adds those of a newer schema to an older one.</summary>
    public static void EnsureCreated(SqliteConnection connection, int version)
    {
        if (version > Version)
        {
            throw new InvalidOperationException(
                $"The database was written by a newer KpiGrpc (schema {version}, this build knows {Version}); upgrade the server.");
        }

        if (version == Version)
        {
            return;
        }

        Execute(connection, "BEGIN IMMEDIATE");
        Execute(connection, Tables);
        Execute(connection, TotalsFromRollups);
        Execute(connection, $"PRAGMA user_version = {Version};");
        Execute(connection, "COMMIT");
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
