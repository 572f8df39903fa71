using System.Diagnostics;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Storage.Sqlite;
using KpiGrpc.V1;
using Domain = KpiGrpc.Core.Records;

namespace KpiGrpc.Bench;

/// <summary>
/// Durable ingest through the bidi ImportCalls stream of a real server process, against the
/// same records stored in-process straight into SqliteKpiStore (the ceiling gRPC can approach).
/// </summary>
public sealed class IngestBenchmark(BenchArguments args, BenchReport report)
{
    public async Task RunAsync()
    {
        var serverDll = BenchPaths.ServerDll(args.ServerDll);
        report.Note($"server: {serverDll}, built {File.GetLastWriteTimeUtc(serverDll):yyyy-MM-dd HH:mm} UTC");
        var end = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var generator = new CallGenerator(args.Seed, end, args.Days);

        Console.WriteLine($"generating {args.Calls:N0} calls...");
        var calls = generator.NextBatch(checked((int)args.Calls));
        if (args.Order == "time")
        {
            calls = generator.InTimeOrder(calls);
        }

        report.Note($"order: {args.Order} ({(args.Order == "time" ? "calls in time order, ids rising, like a dialer log or live feed" : "every batch spread over all days: the worst case for rollups")})");
        var requests = ProtoCalls.ToImportBatches(calls, args.BatchSize);
        Console.WriteLine($"{requests.Count:N0} batches of {args.BatchSize:N0}, {requests.Sum(r => (long)r.CalculateSize()) / 1024.0 / 1024.0:N0} MiB on the wire");

        var grpc = new Timings("calls/s");
        var inProcess = new Timings("calls/s");
        long databaseBytes = 0;
        for (var run = 1; run <= args.Runs; run++)
        {
            // Alternate the order so that neither side always runs on a warmer machine.
            var grpcFirst = run % 2 == 1;
            for (var side = 0; side < 2; side++)
            {
                if ((side == 0) == grpcFirst)
                {
                    using var dir = BenchPaths.NewDataDirectory("ingest");
                    var rate = await IngestThroughGrpcAsync(serverDll, dir.Path, requests, calls.Count, (generator.Start, end));
                    databaseBytes = dir.SizeInBytes;
                    grpc.Add(rate);
                    Console.WriteLine($"run {run}: gRPC ImportCalls   {rate,12:N0} calls/s");
                }
                else
                {
                    using var dir = BenchPaths.NewDataDirectory("ingest-inproc");
                    var rate = await IngestInProcessAsync(dir.Path, calls);
                    inProcess.Add(rate);
                    Console.WriteLine($"run {run}: in-process store {rate,12:N0} calls/s");
                }
            }
        }

        report.Row($"gRPC ImportCalls, durable (median of {args.Runs})", grpc.Format(grpc.Median), $"runs: {grpc.All}; {args.InFlight} batches of {args.BatchSize:N0} in flight");
        report.Row($"In-process SqliteKpiStore (median of {args.Runs})", inProcess.Format(inProcess.Median), $"runs: {inProcess.All}; StoreCallsAsync, batches of {args.BatchSize:N0}");
        report.Row("Ratio gRPC / in-process", $"{grpc.Median / inProcess.Median:0.00}", "");
        report.Row("Database size after a run", $"{databaseBytes / 1024.0 / 1024.0:N0} MiB", $"{args.Calls:N0} calls, kpi.db + WAL");
        report.Note($"target: >= 200,000 calls/s durable through ImportCalls on loopback: {(grpc.Median >= 200_000 ? "met" : "NOT met")}");
    }

    private async Task<double> IngestThroughGrpcAsync(
        string serverDll, string dataDirectory, List<ImportCallsRequest> requests, int expected, (DateTimeOffset From, DateTimeOffset To) range)
    {
        // Start-up is not timed: it is measured by the query benchmark.
        await using var server = await ServerProcess.StartAsync(serverDll, dataDirectory, TimeSpan.FromSeconds(60));
        var started = Stopwatch.GetTimestamp();
        var accepted = await ImportStream.SendAllAsync(server.Channel, requests, args.InFlight);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (accepted != expected)
        {
            throw new InvalidOperationException($"the server accepted {accepted:N0} of {expected:N0} calls");
        }

        var stored = await KpiQueries.TotalDialedAsync(server.Channel, range);
        if (stored != expected)
        {
            throw new InvalidOperationException($"all batches were acked, but QueryKpis counts {stored:N0} of {expected:N0} calls");
        }

        return expected / seconds;
    }

    private async Task<double> IngestInProcessAsync(string dataDirectory, List<Domain.CallRecord> calls)
    {
        await using var store = SqliteKpiStore.Open(new SqliteStoreOptions { DataDirectory = dataDirectory });
        var started = Stopwatch.GetTimestamp();
        for (var offset = 0; offset < calls.Count; offset += args.BatchSize)
        {
            var batch = calls.GetRange(offset, Math.Min(args.BatchSize, calls.Count - offset));
            var outcomes = await store.StoreCallsAsync(batch, CancellationToken.None);
            if (outcomes.Count(o => o == IngestOutcome.Accepted) != batch.Count)
            {
                throw new InvalidOperationException($"the store did not accept every call of the batch at {offset}");
            }
        }

        return calls.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
