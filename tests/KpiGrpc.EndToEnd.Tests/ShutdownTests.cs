using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using KpiGrpc.V1;
using Xunit.Abstractions;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>SIGTERM drains: in-flight batches are acknowledged, streams end saying where to resume, the process exits 0.</summary>
public sealed class ShutdownTests(ITestOutputHelper output) : IDisposable
{
    private const int BatchSize = 500;
    private static readonly DateTimeOffset Day = new(2026, 2, 18, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kpi-shutdown-").FullName;

    [Fact]
    public async Task Sigterm_ImportAndWatchOpen_StreamsEndUnavailableSayingWhereToResumeAndEveryAckIsStored()
    {
        // Arrange: a drain timeout far beyond the test's patience, so only a real drain ends in time.
        var server = await KpiServerProcess.StartAsync(_dataDirectory, settings: ["--Kpi:Limits:DrainTimeout", "00:10:00"]);
        int exitCode;
        long lastAck = 0;
        RpcException importEnd, watchEnd;
        await using (server)
        {
            using var watch = new KpiService.KpiServiceClient(server.Channel).WatchKpis(new WatchKpisRequest { Since = Timestamp.FromDateTimeOffset(Day) });
            Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None), "no snapshot");
            using var import = new IngestService.IngestServiceClient(server.Channel).ImportCalls();
            for (var batch = 1; batch <= 8; batch++)
            {
                await import.RequestStream.WriteAsync(Batch(batch));
            }

            for (var acks = 0; acks < 8; acks++)
            {
                Assert.True(await import.ResponseStream.MoveNext(CancellationToken.None));
                lastAck = import.ResponseStream.Current.BatchId;
            }

            // Act: one more batch right after the signal. Whether it comes before the server stops
            // reading or not, the stream must end naming the last batch the client got an ack for.
            // (In-flight batches being acknowledged during the drain: DrainTests, in memory, where
            // no client data can still be on the wire when the process exits.)
            await server.TerminateAsync();
            await SendIfStillOpenAsync(import.RequestStream, Batch(9));
            importEnd = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                while (await import.ResponseStream.MoveNext(CancellationToken.None))
                {
                    lastAck = import.ResponseStream.Current.BatchId;
                }
            }).WaitAsync(Generous);
            watchEnd = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                while (await watch.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            }).WaitAsync(Generous);
            exitCode = await server.WaitForExitAsync(Generous);
            output.WriteLine(server.Output);
        }

        // Assert: a clean stop, and what each client must do next.
        Assert.Equal(0, exitCode);
        Assert.True(importEnd.StatusCode == StatusCode.Unavailable && importEnd.Status.Detail.Contains($"resume after batch {lastAck}"), importEnd.ToString());
        Assert.True(watchEnd.StatusCode == StatusCode.Unavailable && watchEnd.Status.Detail.Contains("reconnect"), watchEnd.ToString());

        // Every acknowledged batch is stored, and nothing else.
        await using var restarted = await KpiServerProcess.StartAsync(_dataDirectory);
        var day = await new KpiService.KpiServiceClient(restarted.Channel).QueryKpisAsync(new QueryKpisRequest
        {
            From = Timestamp.FromDateTimeOffset(Day),
            To = Timestamp.FromDateTimeOffset(Day.AddDays(1)),
        });
        Assert.Equal(lastAck * BatchSize, day.Groups.Sum(group => group.Counts.Dialed));
    }

    [Fact]
    public async Task Sigterm_ComputeOpenWithAStopDelay_ComputeEndsAtOnceAndHealthSaysNotServingBeforeThePortCloses()
    {
        // Arrange: a computation under way; the port stays open 4 s after the signal, the drain could take 10 min.
        var stopDelay = TimeSpan.FromSeconds(4);
        var server = await KpiServerProcess.StartAsync(
            _dataDirectory, settings: ["--Kpi:Limits:DrainTimeout", "00:10:00", "--Kpi:Limits:StopDelay", stopDelay.ToString()]);
        int exitCode;
        TimeSpan computeEndedAfter, exitedAfter;
        RpcException computeEnd, lateCompute;
        HealthCheckResponse.Types.ServingStatus[] whileStopping;
        await using (server)
        {
            using var compute = new ComputeService.ComputeServiceClient(server.Channel).ComputeKpis();
            await compute.RequestStream.WriteAsync(new ComputeKpisRequest { Query = new ComputeKpisQuery() });
            await compute.RequestStream.WriteAsync(new ComputeKpisRequest { Batch = new ComputeKpisBatch { BatchId = 1, Calls = { Batch(1).Calls } } });
            Assert.True(await compute.ResponseStream.MoveNext(CancellationToken.None), "no ack");

            // Act
            var clock = Stopwatch.StartNew();
            await server.TerminateAsync();
            computeEnd = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                while (await compute.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            }).WaitAsync(Generous);
            computeEndedAfter = clock.Elapsed;

            // A load balancer's probe on a new connection, and a new computation, while the port is still open.
            using var fresh = GrpcChannel.ForAddress(server.Address);
            var health = new Health.HealthClient(fresh);
            whileStopping = await Task.WhenAll(new[] { "", "kpi.v1.IngestService", "kpi.v1.KpiService", "kpi.v1.ComputeService" }
                .Select(async service => (await health.CheckAsync(new HealthCheckRequest { Service = service })).Status));
            lateCompute = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                using var late = new ComputeService.ComputeServiceClient(fresh).ComputeKpis();
                await late.RequestStream.WriteAsync(new ComputeKpisRequest { Query = new ComputeKpisQuery() });
                await late.ResponseStream.MoveNext(CancellationToken.None);
            });
            exitCode = await server.WaitForExitAsync(Generous);
            exitedAfter = clock.Elapsed;
            output.WriteLine($"compute ended {computeEndedAfter.TotalSeconds:0.00} s after SIGTERM, exit {exitedAfter.TotalSeconds:0.00} s after");
        }

        // Assert: the computation did not hold the stop; the probe was told to route elsewhere; a clean exit after the delay.
        foreach (var refused in new[] { computeEnd, lateCompute })
        {
            Assert.True(refused.StatusCode == StatusCode.Unavailable && refused.Status.Detail.Contains("run the computation again"), refused.ToString());
            Assert.Equal("SHUTTING_DOWN", refused.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
            Assert.NotNull(refused.GetRpcStatus()!.GetDetail<RetryInfo>());
        }

        Assert.True(computeEndedAfter < stopDelay, $"the computation ended {computeEndedAfter} after SIGTERM");
        Assert.All(whileStopping, status => Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, status));
        Assert.Equal(0, exitCode);
        Assert.True(exitedAfter >= stopDelay, $"exited {exitedAfter} after SIGTERM, before the stop delay");
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static async Task SendIfStillOpenAsync(IClientStreamWriter<ImportCallsRequest> requests, ImportCallsRequest batch)
    {
        try
        {
            await requests.WriteAsync(batch);
        }
        catch (Exception ex) when (ex is RpcException or IOException)
        {
            // The server ended the call already: what it said is read from the responses.
        }
    }

    private static ImportCallsRequest Batch(int batchId)
    {
        var request = new ImportCallsRequest { BatchId = batchId };
        for (var i = 0; i < BatchSize; i++)
        {
            var n = (batchId * BatchSize) + i;
            request.Calls.Add(new CallRecord
            {
                CallId = $"drain-{n}",
                CampaignId = "camp-drain",
                OperatorId = $"op-{n % 5}",
                StartedAt = Timestamp.FromDateTimeOffset(Day.AddSeconds(n)),
                Outcome = CallOutcome.NoAnswer,
            });
        }

        return request;
    }
}
