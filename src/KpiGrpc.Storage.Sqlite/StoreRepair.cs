using KpiGrpc.Core.Counting;
using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// <c>--repair</c>: makes the store consistent again where its records allow it, with the
/// store stopped. The rollups (and their running total) are rebuilt from the stored calls,
/// results and sessions; calls and sessions whose series does not exist are moved to CSV files;
/// a damaged write-ahead log is accepted as SQLite recovers it (a copy is kept). Damaged pages,
/// a truncated or lost database are beyond it: the report says so. Ends with a full verify.
/// </summary>
public static class StoreRepair
{
    public static StoreReport Repair(SqliteStoreOptions options, TimeProvider clock)
    {
        var report = new StoreReport(Path.GetFullPath(options.DataDirectory));
        try
        {
            if (!Inspect(options, report, clock) || !Rebuild(options, report, clock))
            {
                return report;
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            throw new InvalidOperationException($"The data directory {report.DataDirectory} is in use by a running KpiGrpc server: stop it first.", ex);
        }

        report.Append(StoreVerifier.Verify(options));
        return report;
    }

    /// <summary>What repair can start from; false (with the problem reported) when the database itself is gone or damaged.</summary>
    private static bool Inspect(SqliteStoreOptions options, StoreReport report, TimeProvider clock)
    {
        if (!StoreVerifier.CheckExists(options, report))
        {
            return false;
        }

        WalInspection wal;
        var header = StoreFiles.ReadHeader(options);
        using (var reading = new StoreConnection(SqliteSchema.OpenForReading(options.DatabasePath), new StoreFaults()))
        {
            SqliteSchema.ReadVersion(reading.Sqlite);
            var problems = StoreFiles.Inspect(options, header, out wal);
            var database = problems.Where(problem => problem.Path == Path.GetFullPath(options.DatabasePath)).ToList();
            if (database.Count > 0)
            {
                database.ForEach(problem => report.Problem(problem.Message));
                return false;
            }
        }

        if (wal.LostCommits > 0)
        {
            var copy = $"{options.DatabasePath}-wal.damaged-{clock.GetUtcNow().UtcDateTime:yyyyMMddTHHmmssZ}";
            File.Copy(options.DatabasePath + "-wal", copy);
            report.Repaired($"write-ahead log damaged at {wal.DamageLocation}: kept the {wal.Commits:N0} transactions before it; the {wal.LostCommits:N0} committed after it are dropped, send their batches again (the damaged log is kept as {copy})");
        }

        return true;
    }

    /// <summary>Opens the store as the server does (accepting what SQLite recovers) and rebuilds; false when its pages are damaged.</summary>
    private static bool Rebuild(SqliteStoreOptions options, StoreReport report, TimeProvider clock)
    {
        using var connection = new StoreConnection(SqliteSchema.OpenConnection(options.DatabasePath), new StoreFaults());
        SqliteSchema.EnsureCreated(connection.Sqlite, SqliteSchema.ReadVersion(connection.Sqlite));
        SqliteSchema.CheckpointOnClose(connection.Sqlite, true);
        if (!StoreVerifier.CheckPages(connection, report))
        {
            return false;
        }

        Rebuild(connection, options, report, clock);
        StoreMarker.Ensure(options, clock.GetUtcNow());
        return true;
    }

    private static void Rebuild(StoreConnection connection, SqliteStoreOptions options, StoreReport report, TimeProvider clock)
    {
        using var series = new SeriesTable(connection);
        using var tables = new RecordTables(connection, series);
        using var rollups = new RollupTable(connection, series);
        var replay = RollupReplay.Run(tables);
        connection.Begin();
        try
        {
            if (replay.DanglingCalls.Count + replay.DanglingSessions.Count > 0)
            {
                var files = DanglingRecords.MoveOut(connection, options, clock.GetUtcNow());
                report.Repaired($"moved {replay.DanglingCalls.Count:N0} calls and {replay.DanglingSessions.Count:N0} sessions whose series does not exist to {string.Join(" and ", files)}: fill in their campaign, team and operator and import them again");
            }

            connection.Execute("DELETE FROM rollups; DELETE FROM rollup_totals; INSERT INTO rollup_totals VALUES (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);");
            rollups.Add(replay.Rollups);
            connection.Commit();
        }
        catch
        {
            connection.RollBack();
            throw;
        }

        var total = replay.Rollups.Changes.Aggregate(KpiCounters.Zero, (sum, change) => sum + change.Value);
        report.Repaired($"rebuilt the rollups from {replay.Calls:N0} calls, {replay.Results:N0} results and {replay.Sessions:N0} sessions ({total.Dialed:N0} calls counted)");
    }
}
