using System.IO.Compression;
using KpiGrpc.Cli.Formats;
using KpiGrpc.Cli.Import;

namespace KpiGrpc.Cli.Tests.Formats;

/// <summary>The samples/ folder of the repository, and helpers to read record files.</summary>
internal static class SampleFiles
{
    public static string Root { get; } = FindSamples();

    public static TimeZoneInfo Paris { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static InputOptions Options(string format, string? statusMap = null, AsteriskColumns? asterisk = null) =>
        InputFiles.DefaultOptions with { Format = format, TimeZone = Paris, StatusMapPath = statusMap, Asterisk = asterisk ?? AsteriskColumns.Default };

    public static List<RecordLine<T>> ReadAll<T>(IRecordFile<T> file)
        where T : class
    {
        using (file)
        {
            return [.. file.ReadLines()];
        }
    }

    /// <summary>A temporary file holding <paramref name="text"/>; deleted by the caller.</summary>
    public static string TempFile(string text, string extension = ".csv")
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kpi-formats-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A gzip copy of <paramref name="source"/>, named .gz; deleted by the caller.</summary>
    public static string GzipCopy(string source)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kpi-formats-{Guid.NewGuid():N}.gz");
        using var input = File.OpenRead(source);
        using var output = new GZipStream(File.Create(path), CompressionLevel.Optimal);
        input.CopyTo(output);
        return path;
    }

    private static string FindSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "KpiGrpc.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, "samples");
            }
        }

        throw new DirectoryNotFoundException($"no KpiGrpc.sln above {AppContext.BaseDirectory}");
    }
}
