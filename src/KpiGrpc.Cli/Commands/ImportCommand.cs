using System.CommandLine;
using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;
using Spectre.Console;

namespace KpiGrpc.Cli.Commands;

/// <summary>kpi import: streams CSV files of calls, results and sessions to the server.</summary>
internal static class ImportCommand
{
    /// <summary>The most records the server takes in one batch.</summary>
    private const int MaxBatchSize = 50_000;

    public static Command Create()
    {
        var server = ServerOption.Create();
        var calls = new Option<string?>("--calls") { Description = "CSV file of calls" };
        var results = new Option<string?>("--results") { Description = "CSV file of appointment results" };
        var sessions = new Option<string?>("--sessions") { Description = "CSV file of operator sessions" };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = $"Records per batch (1 to {MaxBatchSize})",
            DefaultValueFactory = _ => 5000,
        };
        var command = new Command("import", "Import CSV files; exits 1 if any line was rejected")
        {
            server, calls, results, sessions, batchSize,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var url = parse.GetValue(server)!;
            return CommandErrors.RunAsync(url, () => RunAsync(
                url,
                parse.GetValue(calls),
                parse.GetValue(results),
                parse.GetValue(sessions),
                parse.GetValue(batchSize),
                cancellationToken), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string server, string? calls, string? results, string? sessions, int batchSize, CancellationToken cancellationToken)
    {
        if (batchSize is < 1 or > MaxBatchSize)
        {
            throw new CliUsageException($"--batch-size must be between 1 and {MaxBatchSize}, not {batchSize}");
        }

        using var channel = ServerOption.OpenChannel(server);
        var jobs = OpenJobs(calls, results, sessions);
        try
        {
            foreach (var job in jobs)
            {
                foreach (var column in job.IgnoredColumns)
                {
                    Console.Error.WriteLine($"kpi: note: {job.Name} column '{column}' is not used");
                }
            }

            var client = new IngestService.IngestServiceClient(channel);
            var importer = new BatchImporter(batchSize);
            var tallies = Console.IsOutputRedirected
                ? await RunAllAsync(jobs, client, importer, job => new PlainImportProgress(Console.Out, job.Name, job.Length), cancellationToken)
                : await AnsiConsole.Progress().AutoClear(false).StartAsync(context => RunAllAsync(
                    jobs, client, importer, job => new SpectreImportProgress(context.AddTask(job.Name, maxValue: Math.Max(job.Length, 1)), job.Name), cancellationToken));
            return ImportReport.Print(tallies);
        }
        finally
        {
            jobs.ForEach(job => job.Dispose());
        }
    }

    private static async Task<List<ImportTally>> RunAllAsync(
        List<IImportJob> jobs,
        IngestService.IngestServiceClient client,
        BatchImporter importer,
        Func<IImportJob, IImportProgress> progress,
        CancellationToken cancellationToken)
    {
        var tallies = new List<ImportTally>();
        foreach (var job in jobs)
        {
            tallies.Add(await job.RunAsync(client, importer, progress(job), cancellationToken));
        }

        return tallies;
    }

    /// <summary>Opens every file before anything is sent, so a missing file or column stops the import early.</summary>
    private static List<IImportJob> OpenJobs(string? calls, string? results, string? sessions)
    {
        if (calls is null && results is null && sessions is null)
        {
            throw new CliUsageException("nothing to import: give --calls, --results and/or --sessions");
        }

        var jobs = new List<IImportJob>();
        try
        {
            // Calls first so that results find their calls, though the server accepts either order.
            if (calls is not null)
            {
                jobs.Add(new ImportJob<CallRecord>(CsvRecordFile<CallRecord>.Open(calls, CallCsvFormat.Instance), ImportStreams.Calls));
            }

            if (results is not null)
            {
                jobs.Add(new ImportJob<AppointmentResult>(
                    CsvRecordFile<AppointmentResult>.Open(results, AppointmentResultCsvFormat.Instance), ImportStreams.Results));
            }

            if (sessions is not null)
            {
                jobs.Add(new ImportJob<OperatorSession>(
                    CsvRecordFile<OperatorSession>.Open(sessions, SessionCsvFormat.Instance), ImportStreams.Sessions));
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
