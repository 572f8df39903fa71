using System.Diagnostics;
using Grpc.Net.Client;
using KpiGrpc.V1;

namespace KpiGrpc.Bench;

/// <summary>
/// A busy floor: D dialer streams pushing small batches as calls end, and W wallboards watching
/// the current day, for S seconds against a real server process on a fresh data directory.
/// </summary>
public sealed class SoakBenchmark(LoadArguments args, BenchReport report)
{
    public async Task RunAsync()
    {
        var serverDll = BenchPaths.ServerDll(args.ServerDll);
        report.Note($"server: {serverDll}, built {File.GetLastWriteTimeUtc(serverDll):yyyy-MM-dd HH:mm} UTC");
        report.Note($"{args.Dialers} dialer streams (each on its own connection, batches of {args.DialerBatch} calls, one awaiting its ack at a time); "
            + $"{args.Watchers} watchers reading the current day over {args.DistinctQueries} distinct queries (see WatchQueries), each on its own connection; {args.Seconds} s per run");
        var rate = new Timings("calls/s");
        var p50 = new Timings("ms");
        var p99 = new Timings("ms");
        var peak = new Timings("bytes");
        var cpu = new Timings("%");
        var messages = new Timings("messages/s");
        for (var run = 1; run <= args.Runs; run++)
        {
            var figures = await RunOnceAsync(run);
            rate.Add(figures.CallsPerSecond);
            p50.Add(figures.Latencies.Percentile(50));
            p99.Add(figures.Latencies.Percentile(99));
            peak.Add(figures.PeakRss);
            cpu.Add(figures.CpuPercent);
            messages.Add(figures.WatchMessagesPerSecond);
            Console.WriteLine($"run {run}: {figures.CallsPerSecond:N0} calls/s, ack p50 {figures.Latencies.Percentile(50):0.0} ms, "
                + $"p99 {figures.Latencies.Percentile(99):0.0} ms, peak RSS {ProcessStats.Mebibytes(figures.PeakRss)}, "
                + $"server CPU {figures.CpuPercent:0}%, {figures.WatchMessagesPerSecond:N0} watch messages/s");
        }

        report.Row($"Acked calls/s (median of {args.Runs})", rate.Format(rate.Median), $"runs: {rate.All}");
        report.Row($"Ack latency p50 (median of {args.Runs})", p50.Format(p50.Median), $"runs: {p50.All}");
        report.Row($"Ack latency p99 (median of {args.Runs})", p99.Format(p99.Median), $"runs: {p99.All}");
        report.Row($"Server peak RSS (median of {args.Runs})", ProcessStats.Mebibytes((long)peak.Median), $"runs: {string.Join(", ", peak.Values.Select(v => ProcessStats.Mebibytes((long)v)))}");
        report.Row("Server CPU (median)", $"{cpu.Median:0}%", $"of one core; runs: {cpu.All}");
        report.Row("Watch messages received/s (median)", messages.Format(messages.Median), $"all watchers together; runs: {messages.All}");
    }

    private async Task<(double CallsPerSecond, Timings Latencies, long PeakRss, double CpuPercent, double WatchMessagesPerSecond)> RunOnceAsync(int run)
    {
        using var dir = BenchPaths.NewDataDirectory("soak");
        await using var server = await ServerProcess.StartAsync(serverDll: BenchPaths.ServerDll(args.ServerDll), dir.Path, TimeSpan.FromSeconds(60));
        var watches = Enumerable.Range(0, args.Watchers).Select(i => WatchQueries.CurrentDay(i, args.DistinctQueries));
        await using var watchers = await WatchClients.OpenAsync(server.Address, watches, read: true);
        var channels = Enumerable.Range(0, args.Dialers).Select(_ => GrpcChannel.ForAddress(server.Address)).ToList();
        var dialers = channels.Select((channel, i) => new DialerStream(channel, i, args.DialerBatch, args.Seed + (run * 1000))).ToList();

        var from = DateTimeOffset.UtcNow;
        var cpu = ProcessStats.CpuTime(server.ProcessId);
        var watchMessages = watchers.Messages;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(args.Seconds));
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(dialers.Select(dialer => Task.Run(() => dialer.RunAsync(stop.Token))));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuPercent = (ProcessStats.CpuTime(server.ProcessId) - cpu).TotalSeconds / seconds * 100;
        var messagesPerSecond = (watchers.Messages - watchMessages) / seconds;
        channels.ForEach(channel => channel.Dispose());

        var acked = dialers.Sum(d => d.Acked);
        var stored = await KpiQueries.TotalDialedAsync(server.Channel, (Floor(from.AddHours(-1)), Floor(DateTimeOffset.UtcNow.AddHours(1))));
        if (stored != acked)
        {
            throw new InvalidOperationException($"{acked:N0} calls acked, but the server counts {stored:N0}");
        }

        var latencies = new Timings("ms");
        foreach (var latency in dialers.SelectMany(d => d.LatenciesMs))
        {
            latencies.Add(latency);
        }

        return (acked / seconds, latencies, ProcessStats.PeakResidentBytes(server.ProcessId), cpuPercent, messagesPerSecond);
    }

    private static DateTimeOffset Floor(DateTimeOffset instant) =>
        DateTimeOffset.FromUnixTimeSeconds(instant.ToUnixTimeSeconds() / 900 * 900);
}
