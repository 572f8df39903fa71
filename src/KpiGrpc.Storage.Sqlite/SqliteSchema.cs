using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>Tables and connection settings. Instants are UTC ticks; durations whole milliseconds.</summary>
internal static class SqliteSchema
{
    public const int Version = 1;

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
        """;

    public static SqliteConnection OpenConnection(string databasePath)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            // Only a second server on the same file ever waits for the lock: fail fast.
            DefaultTimeout = 2,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, Pragmas);
        return connection;
    }

    public static void EnsureCreated(SqliteConnection connection)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Version)
        {
            throw new InvalidOperationException(
                $"The database was written by a newer KpiGrpc (schema {version}, this build knows {Version}); upgrade the server.");
        }

        Execute(connection, Tables);
        Execute(connection, $"PRAGMA user_version = {Version};");
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
