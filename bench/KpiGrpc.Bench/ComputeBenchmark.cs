using System.Diagnostics;
using System.Globalization;

namespace KpiGrpc.Bench;

/// <summary>
/// `kpi compute` end to end (file, parse, gRPC stream, server aggregation, printed results) on
/// a generated CSV of N calls, against a plain in-process Sep parse of the same file (the ceiling).
/// </summary>
public sealed class ComputeBenchmark(BenchArguments args, BenchReport report)
{
    public async Task RunAsync()
    {
        var serverDll = BenchPaths.ServerDll(args.ServerDll);
        var cliDll = CliProcess.CliDll(args.CliDll);
        report.Note($"server: {serverDll}, built {File.GetLastWriteTimeUtc(serverDll):yyyy-MM-dd HH:mm} UTC");
        report.Note($"kpi: {cliDll}, built {File.GetLastWriteTimeUtc(cliDll):yyyy-MM-dd HH:mm} UTC");
        var end = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var file = CsvCallFile.Ensure(args.Calls, args.Seed, end, args.Days, args.Order);
        var megabytes = new FileInfo(file).Length / 1024.0 / 1024.0;
        report.Note($"input: {file}, {args.Calls:N0} calls, {megabytes:N0} MiB (generated once, then reused)");
        report.Note($"order: {args.Order} ({(args.Order == "time" ? "lines sorted by started_at, ids rising, as a dialer's log export" : "every part of the file spread over all days: the worst case for counting")})");

        using var dir = BenchPaths.NewDataDirectory("compute");
        await using var server = await ServerProcess.StartAsync(serverDll, dir.Path, TimeSpan.FromSeconds(60));
        var endToEnd = new Timings("records/s");
        var ceiling = new Timings("records/s");
        for (var run = 1; run <= args.Runs; run++)
        {
            // Alternate the order so that neither side always runs on a warmer machine.
            for (var side = 0; side < 2; side++)
            {
                if ((side == 0) == (run % 2 == 1))
                {
                    var rate = await ComputeAsync(cliDll, server.Address, file);
                    endToEnd.Add(rate);
                    Console.WriteLine($"run {run}: kpi compute end to end {rate,12:N0} records/s");
                }
                else
                {
                    var rate = ParseWithSep(file);
                    ceiling.Add(rate);
                    Console.WriteLine($"run {run}: Sep parse in-process   {rate,12:N0} records/s");
                }
            }
        }

        report.Row($"kpi compute, end to end (median of {args.Runs})", endToEnd.Format(endToEnd.Median), $"runs: {endToEnd.All}; batches of {args.BatchSize:N0}, --group-by operator --format csv");
        report.Row($"Sep parse in-process (median of {args.Runs})", ceiling.Format(ceiling.Median), $"runs: {ceiling.All}; every field to its typed value");
        report.Row("Ratio end to end / Sep parse", $"{endToEnd.Median / ceiling.Median:0.00}", "");
        report.Note($"target: >= 1,000,000 records/s end to end: {(endToEnd.Median >= 1_000_000 ? "met" : "NOT met")}");
    }

    /// <summary>Times `kpi compute FILE` from process start to exit, and checks it counted every call.</summary>
    private async Task<double> ComputeAsync(string cliDll, Uri server, string file)
    {
        var started = Stopwatch.GetTimestamp();
        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(cliDll,
        [
            "compute", file, "--server", server.ToString(), "--group-by", "operator", "--format", "csv",
            "--batch-size", args.BatchSize.ToString(CultureInfo.InvariantCulture),
        ]);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"kpi compute exited {exitCode}:\n{stderr}");
        }

        var dialed = TotalDialed(stdout);
        if (dialed != args.Calls)
        {
            throw new InvalidOperationException($"kpi compute counted {dialed:N0} of {args.Calls:N0} calls:\n{stderr}");
        }

        return args.Calls / seconds;
    }

    private double ParseWithSep(string file)
    {
        var started = Stopwatch.GetTimestamp();
        var (records, _) = SepCeiling.Parse(file);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return records == args.Calls
            ? records / seconds
            : throw new InvalidOperationException($"Sep read {records:N0} of {args.Calls:N0} records");
    }

    /// <summary>The sum of the dialed column of the CSV report.</summary>
    private static long TotalDialed(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var column = Array.IndexOf(lines[0].Split(','), "dialed");
        return lines.Skip(1).Sum(line => long.Parse(line.Split(',')[column], CultureInfo.InvariantCulture));
    }
}
