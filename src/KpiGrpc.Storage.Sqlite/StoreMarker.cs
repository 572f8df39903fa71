using System.Globalization;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// A small file beside the database (kpi.db.created), written once the store exists: while it
/// is there, a missing or empty kpi.db means data were lost, not that the store is new. SQLite
/// itself would create an empty database and the server would start with no data.
/// </summary>
internal static class StoreMarker
{
    public static string PathOf(SqliteStoreOptions options) => options.DatabasePath + ".created";

    public static bool Exists(SqliteStoreOptions options) => File.Exists(PathOf(options));

    /// <summary>When the store was created, as the marker says (its first line), for messages.</summary>
    public static string CreatedAt(SqliteStoreOptions options)
    {
        var first = File.ReadLines(PathOf(options)).FirstOrDefault() ?? "";
        return first.StartsWith("created ", StringComparison.Ordinal) ? first["created ".Length..] : "(date unknown)";
    }

    /// <summary>Writes the marker, durably, unless it exists.</summary>
    public static void Ensure(SqliteStoreOptions options, DateTimeOffset now)
    {
        var path = PathOf(options);
        if (File.Exists(path))
        {
            return;
        }

        var text = $"""
            created {now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}
            A KpiGrpc store lives in this directory. While this file exists, the server refuses to
            start if {options.FileName} is missing or empty: its data were lost (restore them from a
            backup). Delete this file only to start an empty store here on purpose.

            """;
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            file.Write(System.Text.Encoding.UTF8.GetBytes(text));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
