using Grpc.Core;
using Grpc.Health.V1;
using KpiGrpc.Server.HealthChecks;
using static Grpc.Health.V1.HealthCheckResponse.Types;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

/// <summary>grpc.health.v1 answers for the store: NOT_SERVING while it cannot write, SERVING again on its own.</summary>
public sealed class StoreHealthTests
{
    private static readonly string[] Services = ["", "kpi.v1.IngestService", "kpi.v1.KpiService", "kpi.v1.ComputeService"];

    [LinuxRootFact]
    public async Task Health_DiskFullThenFreed_NotServingUntilTheStoreWritesAgainWithoutClientTraffic()
    {
        // Arrange: the server's data on a 16 MiB disk, with a first batch stored; a client watching.
        using var disk = SmallDisk.Mount(megabytes: 16);
        await using var server = KpiServerFactory.On(Path.Combine(disk.Path, "data"));
        var health = new Health.HealthClient(server.Channel);
        await server.Ingest.RecordCallsAsync(Batch(0, 100));
        var before = await StatusesAsync(health);
        using var watch = health.Watch(new HealthCheckRequest());
        var watchedServing = await WatchUntilAsync(watch.ResponseStream, ServingStatus.Serving);

        // Act: a batch fails on the full disk; while the watch waits for the change, the store probes the disk every second.
        disk.Fill();
        var failure = await Assert.ThrowsAsync<RpcException>(() => server.Ingest.RecordCallsAsync(Batch(100, 1000)).ResponseAsync);
        var watchedNotServing = await WatchUntilAsync(watch.ResponseStream, ServingStatus.NotServing);
        var whileFull = await StatusesAsync(health);
        disk.Free();
        var watchedServingAgain = await WatchUntilAsync(watch.ResponseStream, ServingStatus.Serving);
        var afterFree = await StatusesAsync(health);
        var retried = await server.Ingest.RecordCallsAsync(Batch(100, 1000));

        // Assert: ingest (and the server as a whole) is down while full; queries and computations run from memory.
        Assert.Equal([ServingStatus.Serving, ServingStatus.Serving, ServingStatus.Serving, ServingStatus.Serving], before);
        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
        Assert.Equal([ServingStatus.NotServing, ServingStatus.NotServing, ServingStatus.Serving, ServingStatus.Serving], whileFull);
        Assert.Equal((true, true, true), (watchedServing, watchedNotServing, watchedServingAgain));
        Assert.Equal(before, afterFree);
        Assert.Equal(1000, retried.Ack.Accepted);
    }

    /// <summary>Calls of one operator (an existing series: the failed commit must not be what the retry depends on).</summary>
    private static V1.RecordCallsRequest Batch(int first, int count) => Calls(
        [.. Enumerable.Range(first, count).Select(i => Call($"disk-{i}", "camp-disk", "op-disk", V1.CallOutcome.NoAnswer, Day.AddMinutes(i % 600)))]);

    private static async Task<ServingStatus[]> StatusesAsync(Health.HealthClient health) =>
        await Task.WhenAll(Services.Select(async service => (await health.CheckAsync(new HealthCheckRequest { Service = service })).Status));

    /// <summary>Reads a Watch stream until it sends <paramref name="expected"/>: a change comes within the health publisher's period.</summary>
    private static async Task<bool> WatchUntilAsync(IAsyncStreamReader<HealthCheckResponse> watch, ServingStatus expected)
    {
        using var timeout = new CancellationTokenSource(KpiHealthChecks.PublishPeriod * 3);
        try
        {
            while (await watch.MoveNext(timeout.Token))
            {
                if (watch.Current.Status == expected)
                {
                    return true;
                }
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
        {
            // Not sent in time.
        }

        return false;
    }
}
