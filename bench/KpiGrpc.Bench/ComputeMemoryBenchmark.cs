using System.Globalization;

namespace KpiGrpc.Bench;

/// <summary>
/// The server memory one ComputeKpis holds per distinct call: a fresh server process per size (N and 3N
/// distinct calls), its resident set after start and a warm-up compute, then its peak (VmHWM) over
/// `kpi compute` of the file. Measured so that <c>ComputeMemoryBudget.BytesPerCall</c> is not a guess.
/// </summary>
public sealed class ComputeMemoryBenchmark(BenchArguments args, BenchReport report)
{
    private const int WarmupCalls = 1_000;

    public async Task RunAsync()
    {
        var serverDll = BenchPaths.ServerDll(args.ServerDll);
        var cliDll = CliProcess.CliDll(args.CliDll);
        report.Note($"server: {serverDll}, built {File.GetLastWriteTimeUtc(serverDll):yyyy-MM-dd HH:mm} UTC");
        var end = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var warmup = CsvCallFile.Ensure(WarmupCalls, args.Seed, end, args.Days, args.Order);
        var peaks = new List<(long Calls, long Baseline, long Peak)>();
        foreach (var calls in new[] { args.Calls, 3 * args.Calls })
        {
            var file = CsvCallFile.Ensure(calls, args.Seed, end, args.Days, args.Order);
            using var dir = BenchPaths.NewDataDirectory("compute-memory");
            await using var server = await ServerProcess.StartAsync(serverDll, dir.Path, TimeSpan.FromSeconds(60));
            await ComputeAsync(cliDll, server.Address, warmup);
            var baseline = ProcessStats.ResidentBytes(server.ProcessId);
            await ComputeAsync(cliDll, server.Address, file);
            var peak = ProcessStats.PeakResidentBytes(server.ProcessId);
            peaks.Add((calls, baseline, peak));
            Console.WriteLine($"{calls:N0} distinct calls: resident {ProcessStats.Mebibytes(baseline)} before, peak {ProcessStats.Mebibytes(peak)}, {(peak - baseline) / (double)calls:N1} bytes a call");
            report.Row($"{calls:N0} distinct calls", $"{(peak - baseline) / (double)calls:N1} bytes a call", $"peak resident {ProcessStats.Mebibytes(peak)} - {ProcessStats.Mebibytes(baseline)} after start and a {WarmupCalls:N0}-call compute");
        }

        var (small, large) = (peaks[0], peaks[1]);
        var marginal = ((large.Peak - large.Baseline) - (small.Peak - small.Baseline)) / (double)(large.Calls - small.Calls);
        report.Row($"Marginal, {small.Calls:N0} to {large.Calls:N0}", $"{marginal:N1} bytes a call", "difference of the two peaks over the difference of the calls");
    }

    private async Task ComputeAsync(string cliDll, Uri server, string file)
    {
        var (exitCode, _, stderr) = await CliProcess.RunAsync(cliDll,
        [
            "compute", file, "--server", server.ToString(), "--group-by", "operator", "--format", "csv",
            "--batch-size", args.BatchSize.ToString(CultureInfo.InvariantCulture),
        ]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"kpi compute exited {exitCode}:\n{stderr}");
        }
    }
}
