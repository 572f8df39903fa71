using System.Diagnostics;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Storage.Sqlite;
using KpiService = KpiGrpc.V1.KpiService;
using QueryKpisRequest = KpiGrpc.V1.QueryKpisRequest;

namespace KpiGrpc.Bench;

/// <summary>
/// QueryKpis over a large store through a real server process: a 30-day range grouped by
/// operator, against a 1-day range and the in-process engine over the same rollups.
/// </summary>
public sealed class QueryBenchmark(BenchArguments args, BenchReport report)
{
    public async Task RunAsync()
    {
        var serverDll = BenchPaths.ServerDll(args.ServerDll);
        report.Note($"server: {serverDll}, built {File.GetLastWriteTimeUtc(serverDll):yyyy-MM-dd HH:mm} UTC");
        var end = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var generator = new CallGenerator(args.Seed, end, args.Days);
        var month = (From: end.AddDays(-30), To: end);
        var day = (From: end.AddDays(-1), To: end);
        using var dir = BenchPaths.NewDataDirectory("query");

        var buildRate = await BuildStoreAsync(dir.Path, generator);
        report.Row("Store build, in-process", $"{buildRate:N0} calls/s", $"{args.Calls:N0} calls over {args.Days} days, batches of {args.BatchSize:N0}; {dir.SizeInBytes / 1024.0 / 1024.0:N0} MiB on disk");

        await MeasureInProcessAsync(dir.Path, month);

        await using var server = await ServerProcess.StartAsync(serverDll, dir.Path, TimeSpan.FromMinutes(10));
        report.Row("Server start-up on this store", $"{server.StartupTime.TotalMilliseconds:N0} ms", "process start to first answered RPC (rollups loaded)");

        var client = new KpiService.KpiServiceClient(server.Channel);
        var monthRequest = KpiQueries.ByOperator(month.From, month.To);
        var first = await Timings.TimeAsync(() => client.QueryKpisAsync(monthRequest).ResponseAsync);
        report.Row("QueryKpis 30 days by operator, first call", $"{first:0.00} ms", "right after start-up");

        var stored = await KpiQueries.TotalDialedAsync(server.Channel, (generator.Start, end));
        if (stored != args.Calls)
        {
            throw new InvalidOperationException($"the server counts {stored:N0} of {args.Calls:N0} stored calls");
        }

        var groups = (await client.QueryKpisAsync(monthRequest)).Groups.Count;
        await TimeRpcAsync(client, monthRequest, $"QueryKpis 30 days by operator ({groups} groups)");
        await TimeRpcAsync(client, KpiQueries.ByOperator(day.From, day.To), "QueryKpis 1 day by operator");
    }

    private async Task<double> BuildStoreAsync(string dataDirectory, CallGenerator generator)
    {
        Console.WriteLine($"building a store of {args.Calls:N0} calls in {dataDirectory}...");
        await using var store = SqliteKpiStore.Open(new SqliteStoreOptions { DataDirectory = dataDirectory });
        var started = Stopwatch.GetTimestamp();
        for (long done = 0; done < args.Calls;)
        {
            var batch = generator.NextBatch((int)Math.Min(args.BatchSize, args.Calls - done));
            await store.StoreCallsAsync(batch, CancellationToken.None);
            done += batch.Count;
            if (done % 1_000_000 < batch.Count)
            {
                Console.WriteLine($"  {done:N0} calls, {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
            }
        }

        return args.Calls / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private async Task MeasureInProcessAsync(string dataDirectory, (DateTimeOffset From, DateTimeOffset To) month)
    {
        var opened = Stopwatch.GetTimestamp();
        await using var store = SqliteKpiStore.Open(new SqliteStoreOptions { DataDirectory = dataDirectory });
        report.Row("In-process SqliteKpiStore.Open on this store", $"{Stopwatch.GetElapsedTime(opened).TotalMilliseconds:N0} ms", "baseline for the server's start-up");

        var engine = new KpiQueryEngine(store.Rollups, BenchmarkCatalog.ArticleDefaults);
        var query = new KpiQuery(month.From, month.To, KpiFilter.All, GroupDimensions.Operator, Granularity.None, TimeZoneInfo.Utc);
        var timings = await MeasureAsync(() => engine.QueryAsync(query, CancellationToken.None));
        Report("In-process KpiQueryEngine 30 days by operator", timings);
    }

    private async Task TimeRpcAsync(KpiService.KpiServiceClient client, QueryKpisRequest request, string figure) =>
        Report(figure, await MeasureAsync(() => client.QueryKpisAsync(request).ResponseAsync));

    private async Task<Timings> MeasureAsync(Func<Task> query)
    {
        for (var i = 0; i < args.Warmup; i++)
        {
            await query();
        }

        var timings = new Timings("ms");
        for (var i = 0; i < args.Queries; i++)
        {
            timings.Add(await Timings.TimeAsync(query));
        }

        return timings;
    }

    private void Report(string figure, Timings timings) =>
        report.Row($"{figure}, median", timings.Format(timings.Median), $"p95 {timings.Format(timings.Percentile(95))}, {timings.Values.Count} runs after {args.Warmup} warm-up");
}
