using KpiGrpc.Cli.Commands;
using KpiGrpc.Cli.Import.Checkpoints;
using KpiGrpc.V1;
using Spectre.Console;

namespace KpiGrpc.Cli.Import;

/// <summary>Runs `kpi import`: checks every file and checkpoint, imports file after file, prints the report.</summary>
internal static class ImportRunner
{
    public static async Task<int> RunAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        using var channel = ServerOption.OpenChannel(request.Server, request.ApiKey);
        var jobs = ImportJobs.Open(request);
        try
        {
            // A file read twice (a VICIdial log: calls and sales) is noted once.
            foreach (var (file, column) in jobs.SelectMany(j => j.IgnoredColumns.Select(c => (Path.GetFileName(j.Path), c))).Distinct())
            {
                Console.Error.WriteLine($"kpi: note: {file} column '{column}' is not used");
            }

            var plans = PlanCheckpoints(request, jobs);
            foreach (var note in plans.Select(p => p.Plan.Note).OfType<string>())
            {
                Console.Error.WriteLine($"kpi: {note}");
            }

            using var rejects = OpenRejects(request, plans.Select(p => p.Plan));
            var client = new IngestService.IngestServiceClient(channel);
            var importer = new BatchImporter(request.BatchSize, request.Retry);
            var run = new Run(plans, rejects, client, importer);
            var tallies = Console.IsOutputRedirected
                ? await run.AllAsync(job => new PlainImportProgress(Console.Out, Console.Error, job.Name, job.Length), cancellationToken)
                : await AnsiConsole.Progress()
                    .AutoClear(false)
                    .Columns(
                        new TaskDescriptionColumn(),
                        new ProgressBarColumn(),
                        new PercentageColumn(),
                        new RecordRateColumn(),
                        new RemainingTimeColumn(),
                        new SpinnerColumn())
                    .StartAsync(context => run.AllAsync(
                        job => new SpectreImportProgress(context.AddTask(job.Name, maxValue: Math.Max(job.Length, 1)), job.Name),
                        cancellationToken));
            ForgetCheckpoints(plans);
            return ImportReport.Print(tallies, rejects.Path, Console.Out, Console.Error);
        }
        finally
        {
            jobs.ForEach(job => job.Dispose());
        }
    }

    /// <summary>Checks every checkpoint before anything is sent, so a refusal leaves the server untouched.</summary>
    private static List<PlannedJob> PlanCheckpoints(ImportRequest request, List<IImportJob> jobs)
    {
        var stores = new Dictionary<string, CheckpointStore>(StringComparer.Ordinal);
        var planned = new List<PlannedJob>();
        foreach (var job in jobs)
        {
            var path = Path.GetFullPath(request.CheckpointFor(job.Path));
            if (!stores.TryGetValue(path, out var store))
            {
                store = stores[path] = CheckpointStore.Open(path);
                store.EnsureWritable();
            }

            var plan = CheckpointPlan.For(store, job.Kind, job.Name, FileIdentity.Of(job.Path), request.Resume);
            planned.Add(new PlannedJob(job, store, plan));
        }

        return planned;
    }

    /// <summary>
    /// Every file is done: the checkpoints have nothing left to resume, and a later import of the
    /// same files starts from the beginning without --resume.
    /// </summary>
    private static void ForgetCheckpoints(List<PlannedJob> plans)
    {
        foreach (var (_, store, plan) in plans)
        {
            store.Remove(plan.Entry);
        }

        foreach (var store in plans.Select(p => p.Store).Distinct())
        {
            store.SaveOrDelete();
        }
    }

    /// <summary>
    /// A resumed run cuts --rejects back to the length recorded with the first unfinished file's
    /// checkpoint (rows past it come from batches sent again), or appends after finished files.
    /// </summary>
    private static RejectsFile OpenRejects(ImportRequest request, IEnumerable<CheckpointPlan> plans)
    {
        if (request.RejectsPath is null)
        {
            return RejectsFile.None;
        }

        var fullPath = Path.GetFullPath(request.RejectsPath);
        var entries = request.Resume
            ? plans.Select(p => p.Entry).Where(e => e.RejectsPath == fullPath && (e.Line > 0 || e.Done)).ToList()
            : [];
        var resumeAt = entries.FirstOrDefault(e => !e.Done)?.RejectsLength
            ?? (entries.Count > 0 ? entries.Max(e => e.RejectsLength) : null);
        return RejectsFile.Open(fullPath, resumeAt);
    }

    private sealed record PlannedJob(IImportJob Job, CheckpointStore Store, CheckpointPlan Plan);

    private sealed class Run(List<PlannedJob> plans, RejectsFile rejects, IngestService.IngestServiceClient client, BatchImporter importer)
    {
        public async Task<List<ImportTally>> AllAsync(Func<IImportJob, IImportProgress> progress, CancellationToken cancellationToken)
        {
            var tallies = new List<ImportTally>();
            foreach (var (job, store, plan) in plans)
            {
                var entry = plan.Entry;
                if (plan.AlreadyDone)
                {
                    tallies.Add(new ImportTally(job.Name, entry.Counts) { AlreadyDone = true });
                    continue;
                }

                var tally = new ImportTally(job.Name, entry.Counts) { ResumedAfterLine = entry.Line };
                var journal = new ImportJournal(tally, rejects, store, entry);
                tallies.Add(await job.RunAsync(client, importer, journal, progress(job), cancellationToken));
            }

            return tallies;
        }
    }
}
