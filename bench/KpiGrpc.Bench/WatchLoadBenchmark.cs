using System.Diagnostics;
using KpiGrpc.V1;

namespace KpiGrpc.Bench;

/// <summary>
/// What watches whose clients never read cost the server: ingest throughput through ImportCalls
/// and server memory, without watches and with W of them, on fresh server processes.
/// </summary>
public sealed class WatchLoadBenchmark(LoadArguments args, BenchReport report)
{
    public async Task RunAsync()
    {
        var serverDll = BenchPaths.ServerDll(args.ServerDll);
        report.Note($"server: {serverDll}, built {File.GetLastWriteTimeUtc(serverDll):yyyy-MM-dd HH:mm} UTC");
        var end = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var generator = new CallGenerator(args.Seed, end, days: 30);
        Console.WriteLine($"generating {args.Preload + args.Calls:N0} calls...");
        var calls = generator.InTimeOrder(generator.NextBatch(checked((int)(args.Preload + args.Calls))));
        var preload = ProtoCalls.ToImportBatches(calls[..(int)args.Preload], args.BatchSize);
        var timed = ProtoCalls.ToImportBatches(calls[(int)args.Preload..], args.BatchSize);
        var watches = Enumerable.Range(0, args.Watchers).Select(i => WatchQueries.Since(generator.Start, i, args.DistinctQueries)).ToList();
        report.Note($"calls in time order over 30 days: {args.Preload:N0} stored first, then {args.Calls:N0} timed; "
            + $"{args.Watchers} watches since the first day over {args.DistinctQueries} distinct queries (see WatchQueries), opened after the preload");

        var without = new RunFigures();
        var with = new RunFigures();
        var pairRatios = new Timings("");
        for (var run = 1; run <= args.Runs; run++)
        {
            // Alternate the order so that neither side always runs on a warmer machine.
            foreach (var withWatches in run % 2 == 1 ? new[] { false, true } : [true, false])
            {
                var figures = await RunOnceAsync(serverDll, preload, timed, withWatches ? watches : [], (generator.Start, end));
                (withWatches ? with : without).Add(figures);
                Console.WriteLine($"run {run}, {(withWatches ? args.Watchers : 0),3} watches: {figures.CallsPerSecond,10:N0} calls/s, "
                    + $"peak RSS {ProcessStats.Mebibytes(figures.PeakRss)}, +{ProcessStats.Mebibytes(figures.WatchRss)} when the watches opened, server CPU {figures.CpuSeconds:0.0} s");
            }

            // The two runs of a pair are minutes apart at most: their ratio shrugs off slow drifts of a shared machine.
            pairRatios.Add(with.Rate.Values[^1] / without.Rate.Values[^1]);
        }

        report.Row($"ImportCalls, no watch (median of {args.Runs})", $"{without.Rate.Median:N0} calls/s", $"runs: {without.Rate.All}");
        report.Row($"ImportCalls, {args.Watchers} unread watches (median of {args.Runs})", $"{with.Rate.Median:N0} calls/s", $"runs: {with.Rate.All}");
        report.Row("Ratio with / without watches", $"{with.Rate.Median / without.Rate.Median:0.00}", "of the medians; 1.00 = the watches cost nothing");
        report.Row("Ratio with / without, per pair (median)", $"{pairRatios.Median:0.00}", $"pairs: {string.Join(", ", pairRatios.Values.Select(r => r.ToString("0.00")))}");
        report.Row("Server peak RSS, no watch (median)", ProcessStats.Mebibytes((long)without.Peak.Median), $"runs: {Mib(without.Peak)}");
        report.Row($"Server peak RSS, {args.Watchers} watches (median)", ProcessStats.Mebibytes((long)with.Peak.Median), $"runs: {Mib(with.Peak)}");
        report.Row("RSS added by opening the watches (median)", ProcessStats.Mebibytes((long)with.Opening.Median), $"runs: {Mib(with.Opening)}; measured once every snapshot had started");
        report.Row("Server CPU during the timed ingest (median)", $"{without.Cpu.Median:0.0} s / {with.Cpu.Median:0.0} s",
            $"without / with watches (ratio {with.Cpu.Median / without.Cpu.Median:0.00}); less sensitive than calls/s to other work on the machine");
    }

    private async Task<(double CallsPerSecond, long PeakRss, long WatchRss, double CpuSeconds)> RunOnceAsync(
        string serverDll, List<ImportCallsRequest> preload, List<ImportCallsRequest> timed, List<WatchKpisRequest> watches, (DateTimeOffset, DateTimeOffset) range)
    {
        using var dir = BenchPaths.NewDataDirectory("watch-load");
        await using var server = await ServerProcess.StartAsync(serverDll, dir.Path, TimeSpan.FromSeconds(60));
        await ImportStream.SendAllAsync(server.Channel, preload, args.InFlight);
        if (watches.Count > 0 && _snapshotGroups is null)
        {
            _snapshotGroups = await SnapshotGroupsAsync(server, watches);
            report.Note($"the snapshots hold {_snapshotGroups.Value.Distinct:N0} groups over the {args.DistinctQueries} distinct queries, "
                + $"{_snapshotGroups.Value.All:N0} over all {watches.Count} watches (counted with QueryKpis over the same windows)");
        }

        var before = ProcessStats.ResidentBytes(server.ProcessId);
        await using var watchers = await WatchClients.OpenAsync(server.Address, watches, read: false);
        // Let the snapshots settle into the server's buffers before measuring.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var opened = ProcessStats.ResidentBytes(server.ProcessId);

        var cpu = ProcessStats.CpuTime(server.ProcessId);
        var started = Stopwatch.GetTimestamp();
        var accepted = await ImportStream.SendAllAsync(server.Channel, timed, args.InFlight);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuSeconds = (ProcessStats.CpuTime(server.ProcessId) - cpu).TotalSeconds;
        var expected = timed.Sum(r => r.Calls.Count);
        var stored = await KpiQueries.TotalDialedAsync(server.Channel, range);
        if (accepted != expected || stored != expected + preload.Sum(r => r.Calls.Count))
        {
            throw new InvalidOperationException($"accepted {accepted:N0} of {expected:N0} timed calls; the server counts {stored:N0} in all");
        }

        return (expected / seconds, ProcessStats.PeakResidentBytes(server.ProcessId), opened - before, cpuSeconds);
    }

    private (long Distinct, long All)? _snapshotGroups;

    /// <summary>The groups of each watch's snapshot, counted by the equivalent QueryKpis.</summary>
    private static async Task<(long Distinct, long All)> SnapshotGroupsAsync(ServerProcess server, List<WatchKpisRequest> watches)
    {
        var client = new KpiService.KpiServiceClient(server.Channel);
        var to = DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow.AddHours(25).ToUnixTimeSeconds() / 900) * 900);
        var counts = new Dictionary<string, long>();
        long all = 0;
        foreach (var watch in watches)
        {
            var key = watch.ToString();
            if (!counts.TryGetValue(key, out var groups))
            {
                var query = new QueryKpisRequest
                {
                    From = watch.Since, To = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(to),
                    GroupBy = { watch.GroupBy }, Granularity = watch.Granularity, TimeZone = watch.TimeZone,
                };
                counts[key] = groups = (await client.QueryKpisAsync(query)).Groups.Count;
            }

            all += groups;
        }

        return (counts.Values.Sum(), all);
    }

    private static string Mib(Timings timings) => string.Join(", ", timings.Values.Select(v => $"{v / 1024 / 1024:N0}"));

    private sealed class RunFigures
    {
        public Timings Rate { get; } = new("calls/s");

        public Timings Peak { get; } = new("bytes");

        public Timings Opening { get; } = new("bytes");

        public Timings Cpu { get; } = new("s");

        public void Add((double CallsPerSecond, long PeakRss, long WatchRss, double CpuSeconds) figures)
        {
            Rate.Add(figures.CallsPerSecond);
            Peak.Add(figures.PeakRss);
            Opening.Add(figures.WatchRss);
            Cpu.Add(figures.CpuSeconds);
        }
    }
}
