using KpiGrpc.Core.Counting;
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
        if (StoreFiles.Lost(options) is { } lost)
        {
            report.Problem(lost.Message);
            return report;
        }

        if (!File.Exists(options.DatabasePath))
        {
            report.Problem($"there is no store in {report.DataDirectory} ({options.FileName} does not exist).");
            return report;
        }

        using var connection = new StoreConnection(SqliteSchema.OpenForReading(options.DatabasePath), new StoreFaults());
        try
        {
            if (!TryReadVersion(connection, options, report, out var version) || !CheckFiles(options, report) || !CheckPages(connection, report))
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

    /// <summary>The first read, which takes the lock; when SQLite cannot even read the header, what the files tell of why.</summary>
    private static bool TryReadVersion(StoreConnection connection, SqliteStoreOptions options, StoreReport report, out int version)
    {
        try
        {
            version = SqliteSchema.ReadVersion(connection.Sqlite);
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is StoreErrors.SqliteCorrupt or StoreErrors.SqliteNotADatabase)
        {
            version = 0;
            if (CheckFiles(options, report))
            {
                report.Problem($"SQLite cannot read the database: {ex.Message}");
            }

            return false;
        }
    }

    /// <summary>The database file and its write-ahead log; false when there is nothing more to read.</summary>
    internal static bool CheckFiles(SqliteStoreOptions options, StoreReport report)
    {
        var problems = StoreFiles.Inspect(options, out var wal);
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
        var stored = StoredRollups(connection);
        report.Ok($"read {series.Count:N0} series, {replay.Calls + replay.DanglingCalls.Count:N0} calls, {replay.Results:N0} results, {replay.Sessions + replay.DanglingSessions.Count:N0} sessions, {stored.Count:N0} rollups");
        ReportDangling(report, "calls", replay.DanglingCalls);
        ReportDangling(report, "sessions", replay.DanglingSessions);
        var danglingRollups = stored.Keys.Where(key => !series.Keys.ContainsKey(key.SeriesId)).ToList();
        ReportDangling(report, "rollups", [.. danglingRollups.Select(key => ($"slot {TimeBuckets.StartOf(key.Slot):yyyy-MM-dd HH:mm}Z", key.SeriesId))]);
        CompareRollups(report, series, stored, replay.Rollups);
        CompareTotals(report, connection, version, stored);
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

    private static void CompareRollups(StoreReport report, SeriesTable series, Dictionary<(long SeriesId, long Slot), KpiCounters> stored, RollupDelta recomputed)
    {
        var expected = new Dictionary<(long SeriesId, long Slot), KpiCounters>();
        foreach (var ((key, slot), counters) in recomputed.Changes)
        {
            if (!counters.IsZero && series.TryGetId(key, out var id))
            {
                expected[(id, slot)] = counters;
            }
        }

        var differing = stored.Keys.Union(expected.Keys)
            .Where(key => series.Keys.ContainsKey(key.SeriesId) && stored.GetValueOrDefault(key) != expected.GetValueOrDefault(key))
            .Order()
            .ToList();
        if (differing.Count == 0)
        {
            report.Ok($"the {stored.Count:N0} rollups equal those recomputed from the calls, results and sessions");
            return;
        }

        report.Problem($"{differing.Count:N0} rollups differ from those recomputed from the calls, results and sessions (--repair rebuilds them):");
        foreach (var key in differing.Take(MaxListed))
        {
            var s = series.KeyOf(key.SeriesId);
            report.Detail($"{s.CampaignId} / {s.TeamId} / {s.OperatorId} at {TimeBuckets.StartOf(key.Slot):yyyy-MM-dd HH:mm}Z: stored {CounterText.Differences(stored.GetValueOrDefault(key), expected.GetValueOrDefault(key))} recomputed");
        }
    }

    private static void CompareTotals(StoreReport report, StoreConnection connection, int version, Dictionary<(long SeriesId, long Slot), KpiCounters> stored)
    {
        var calls = SqliteSchema.Count(connection.Sqlite, "SELECT count(*) FROM calls");
        var sum = stored.Values.Aggregate(KpiCounters.Zero, (total, counters) => total + counters);
        if (sum.Dialed != calls)
        {
            report.Problem($"the rollups count {sum.Dialed:N0} calls; the calls table holds {calls:N0}");
        }

        if (version < SqliteSchema.Version)
        {
            report.Ok($"rollup running total: not kept by schema {version} (the next start adds it)");
        }
        else if (RollupTable.ReadTotals(connection) is not { } totals)
        {
            report.Problem("the rollups' running total (table rollup_totals) is missing (--repair rewrites it)");
        }
        else if (totals != sum)
        {
            report.Problem($"the rollups add up to {CounterText.Differences(sum, totals)} in their running total (--repair rewrites it)");
        }
        else
        {
            report.Ok($"the rollups add up to their running total and count the {calls:N0} stored calls");
        }
    }

    private static Dictionary<(long SeriesId, long Slot), KpiCounters> StoredRollups(StoreConnection connection)
    {
        var rollups = new Dictionary<(long SeriesId, long Slot), KpiCounters>();
        using var select = new Statement(connection, $"SELECT series_id, slot, {RollupTable.CounterColumns} FROM rollups");
        while (select.Read())
        {
            rollups[(select.GetInt64(0), select.GetInt64(1))] = select.GetCounters(2);
        }

        return rollups;
    }
}
