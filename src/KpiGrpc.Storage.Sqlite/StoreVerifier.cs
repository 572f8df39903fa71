using KpiGrpc.Core.Rollups;
using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// <c>--verify</c>: everything the start-up check does not read, with the store stopped and
/// without changing a byte of it. SQLite's integrity_check (every page, every index, NOT NULL),
/// records pointing to series that do not exist, and the rollups recomputed from the stored
/// calls, results and sessions through the ingest rules, compared row by row with those stored.
/// <see cref="StoreRepair"/> fixes what it can of what this finds.
/// </summary>
public static class StoreVerifier
{
    private const int MaxListed = 20;

    public static StoreReport Verify(SqliteStoreOptions options)
    {
        var report = new StoreReport(Path.GetFullPath(options.DataDirectory));
        if (!CheckExists(options, report))
        {
            return report;
        }

        var header = StoreFiles.ReadHeader(options);
        using var connection = new StoreConnection(SqliteSchema.OpenForReading(options.DatabasePath), new StoreFaults());
        try
        {
            if (!TryReadVersion(connection, options, header, report, out var version) || !CheckFiles(options, header, report) || !CheckPages(connection, report))
            {
                return report;
            }

            CheckRecords(connection, version, report);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            throw new InvalidOperationException($"The data directory {report.DataDirectory} is in use by a running KpiGrpc server: stop it first.", ex);
        }
        catch (SqliteException ex)
        {
            report.Problem($"SQLite could not read the whole store: {ex.Message}");
        }

        return report;
    }

    /// <summary>Whether there is a database to read; a lost one (<see cref="StoreFiles.Lost"/>) is a problem.</summary>
    internal static bool CheckExists(SqliteStoreOptions options, StoreReport report)
    {
        if (StoreFiles.Lost(options) is { } lost)
        {
            report.Problem(lost.Message);
            return false;
        }

        if (!File.Exists(options.DatabasePath))
        {
            report.Problem($"there is no store in {report.DataDirectory} ({options.FileName} does not exist).");
            return false;
        }

        return true;
    }

    /// <summary>The first read, which takes the lock; when SQLite cannot even read the header, what the files tell of why.</summary>
    private static bool TryReadVersion(StoreConnection connection, SqliteStoreOptions options, byte[] header, StoreReport report, out int version)
    {
        try
        {
            version = SqliteSchema.ReadVersion(connection.Sqlite);
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is StoreErrors.SqliteCorrupt or StoreErrors.SqliteNotADatabase)
        {
            version = 0;
            if (CheckFiles(options, header, report))
            {
                report.Problem($"SQLite cannot read the database: {ex.Message}");
            }

            return false;
        }
    }

    /// <summary>The database file and its write-ahead log; false when there is nothing more to read.</summary>
    internal static bool CheckFiles(SqliteStoreOptions options, byte[] header, StoreReport report)
    {
        var problems = StoreFiles.Inspect(options, header, out var wal);
        foreach (var problem in problems)
        {
            report.Problem(problem.Message);
        }

        if (problems.Count == 0)
        {
            report.Ok($"files: {options.FileName} {new FileInfo(options.DatabasePath).Length:N0} bytes; write-ahead log: {wal.Commits:N0} transactions not yet copied into it");
        }

        return !problems.Any(problem => problem.Path == Path.GetFullPath(options.DatabasePath));
    }

    /// <summary>SQLite's own check of every page; false when the database itself is damaged.</summary>
    internal static bool CheckPages(StoreConnection connection, StoreReport report)
    {
        var lines = SqliteSchema.IntegrityCheck(connection.Sqlite, MaxListed);
        if (lines is ["ok"])
        {
            report.Ok("SQLite integrity_check: every page, index and NOT NULL constraint");
            return true;
        }

        report.Problem("SQLite integrity_check found damaged pages; --repair cannot fix them: restore a backup, or salvage a copy with `sqlite3 kpi.db .recover`:");
        lines.ForEach(report.Detail);
        return false;
    }

    private static void CheckRecords(StoreConnection connection, int version, StoreReport report)
    {
        using var series = new SeriesTable(connection);
        using var tables = new RecordTables(connection, series);
        var replay = RollupReplay.Run(tables);
        var stored = RollupComparison.StoredRollups(connection);
        report.Ok($"read {series.Count:N0} series, {replay.Calls + replay.DanglingCalls.Count:N0} calls, {replay.Results:N0} results, {replay.Sessions + replay.DanglingSessions.Count:N0} sessions, {stored.Count:N0} rollups");
        ReportDangling(report, "calls", replay.DanglingCalls);
        ReportDangling(report, "sessions", replay.DanglingSessions);
        var danglingRollups = stored.Keys.Where(key => !series.Keys.ContainsKey(key.SeriesId)).ToList();
        ReportDangling(report, "rollups", [.. danglingRollups.Select(key => ($"slot {TimeBuckets.StartOf(key.Slot):yyyy-MM-dd HH:mm}Z", key.SeriesId))]);
        RollupComparison.CompareRollups(report, series, stored, replay.Rollups);
        RollupComparison.CompareTotals(report, connection, version, stored);
    }

    private static void ReportDangling(StoreReport report, string what, List<(string Id, long SeriesId)> dangling)
    {
        if (dangling.Count == 0)
        {
            report.Ok($"every one of the {what} points to a series that exists");
            return;
        }

        report.Problem($"{dangling.Count:N0} {what} point to series ids that do not exist: their campaign, team and operator are lost (--repair moves such calls and sessions to a CSV file to send again):");
        dangling.Take(MaxListed).Select(pair => $"{pair.Id} (series id {pair.SeriesId})").ToList().ForEach(report.Detail);
    }
}
