using KpiGrpc.Cli.Formats;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Compute;

/// <summary>Opens the files of a computation in any input format, calls read into columns, with a fast reader for plain calls.csv.</summary>
internal static class ComputeFiles
{
    public static ComputeInputs Open(string calls, string? results, string? sessions, InputOptions options)
    {
        var opened = new List<IDisposable>();
        try
        {
            var callFile = OpenCalls(calls, options);
            opened.Add(callFile);
            // A vicidial_log holds the sales too: its SALE rows are the results.
            var resultPath = results ?? (InputFiles.ResultsComeWithCalls(options.Format) ? calls : null);
            var resultFile = resultPath is null ? null : InputFiles.OpenResults(resultPath, options);
            if (resultFile is not null)
            {
                opened.Add(resultFile);
            }

            var sessionFile = sessions is null ? null : InputFiles.OpenSessions(sessions, options);
            return new ComputeInputs(callFile, resultFile, sessionFile);
        }
        catch
        {
            opened.ForEach(file => file.Dispose());
            throw;
        }
    }

    /// <summary>
    /// calls.csv without renames, gzipped or not, takes the fast reader, which reads the same
    /// values and reports the same errors; every other file goes through <see cref="InputFiles"/>.
    /// </summary>
    private static ICallBatchSource OpenCalls(string path, InputOptions options) =>
        string.Equals(options.Format, InputFiles.Csv, StringComparison.OrdinalIgnoreCase) && options.ColumnRenames.Count == 0
            ? FastCallCsvFile.Open(path)
            : new RecordFileCalls(InputFiles.OpenCalls(path, options));
}
