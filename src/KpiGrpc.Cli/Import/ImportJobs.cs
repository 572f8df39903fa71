using KpiGrpc.Cli.Commands;
using KpiGrpc.Cli.Formats;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Import;

/// <summary>Opens the files of an import, calls first, in the format asked for.</summary>
internal static class ImportJobs
{
    /// <summary>Opens every file before anything is sent, so a missing file or column stops the import early.</summary>
    public static List<IImportJob> Open(ImportRequest request)
    {
        if (request.Calls is null && request.Results is null && request.Sessions is null)
        {
            throw new CliUsageException("nothing to import: give --calls, --results and/or --sessions");
        }

        var input = request.Input;
        var jobs = new List<IImportJob>();
        try
        {
            // Calls first so that results find their calls, though the server accepts either order.
            if (request.Calls is { } calls)
            {
                jobs.Add(new ImportJob<CallRecord>("calls", calls, InputFiles.OpenCalls(calls, input), ImportStreams.Calls));
                if (InputFiles.ResultsComeWithCalls(input.Format))
                {
                    // A VICIdial call log also holds the sales: read it a second time as results.
                    jobs.Add(new ImportJob<AppointmentResult>(
                        "results", calls, InputFiles.OpenResults(calls, input), ImportStreams.Results, displayName: $"{Path.GetFileName(calls)} (sales)"));
                }
            }

            if (request.Results is { } results)
            {
                jobs.Add(new ImportJob<AppointmentResult>("results", results, InputFiles.OpenResults(results, input), ImportStreams.Results));
            }

            if (request.Sessions is { } sessions)
            {
                jobs.Add(new ImportJob<OperatorSession>("sessions", sessions, InputFiles.OpenSessions(sessions, input), ImportStreams.Sessions));
            }

            return jobs;
        }
        catch
        {
            jobs.ForEach(job => job.Dispose());
            throw;
        }
    }
}
