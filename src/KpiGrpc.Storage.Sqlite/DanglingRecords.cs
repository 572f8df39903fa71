using System.Globalization;
using System.Text;
using KpiGrpc.Core.Validation;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// Calls and sessions whose series does not exist, moved out of the store by --repair into CSV
/// files of the import's columns, campaign, team and operator left empty: the store cannot count
/// them, and whoever knows where they belong can fill those in and send them again.
/// </summary>
internal static class DanglingRecords
{
    private const string Dangling = "series_id NOT IN (SELECT series_id FROM series)";

    /// <summary>Writes the dangling calls and sessions beside the database, then deletes them (inside the caller's transaction); the files written.</summary>
    public static List<string> MoveOut(StoreConnection connection, SqliteStoreOptions options, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture);
        var files = new List<string>();
        var calls = Export(
            connection,
            $"SELECT call_id, lead_id, started_at, outcome, talk_ms, removal_requested, revision FROM calls WHERE {Dangling}",
            "call_id,campaign_id,operator_id,team_id,lead_id,started_at,outcome,talk_seconds,removal_requested,revision",
            row => [row.GetString(0), "", "", "", row.GetString(1), Instant(row.GetInt64(2)), RecordValidator.OutcomeName((Core.Records.CallOutcome)row.GetInt64(3)),
                (row.GetInt64(4) / 1000m).ToString(CultureInfo.InvariantCulture), row.GetInt64(5) != 0 ? "true" : "false", row.GetInt64(6).ToString(CultureInfo.InvariantCulture)],
            Path.Combine(options.DataDirectory, $"dangling-calls-{stamp}.csv"));
        var sessions = Export(
            connection,
            $"SELECT session_id, started_at, ended_at FROM sessions WHERE {Dangling}",
            "session_id,operator_id,team_id,campaign_id,started_at,ended_at",
            row => [row.GetString(0), "", "", "", Instant(row.GetInt64(1)), Instant(row.GetInt64(2))],
            Path.Combine(options.DataDirectory, $"dangling-sessions-{stamp}.csv"));
        files.AddRange(new[] { calls, sessions }.OfType<string>());
        connection.Execute($"DELETE FROM calls WHERE {Dangling}; DELETE FROM sessions WHERE {Dangling};");
        return files;
    }

    /// <summary>The rows as CSV, written and flushed to disk before they are deleted; null when there are none.</summary>
    private static string? Export(StoreConnection connection, string sql, string header, Func<Statement, string[]> fields, string path)
    {
        using var select = new Statement(connection, sql);
        if (!select.Read())
        {
            return null;
        }

        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(file, new UTF8Encoding(false)))
        {
            writer.WriteLine(header);
            do
            {
                writer.WriteLine(string.Join(',', fields(select).Select(Quote)));
            }
            while (select.Read());

            writer.Flush();
            file.Flush(flushToDisk: true);
        }

        return path;
    }

    private static string Instant(long ticks) => SqliteInstants.FromTicks(ticks).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
