using Google.Rpc;
using Grpc.Core;
using KpiGrpc.Testing;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

/// <summary>
/// A real full disk under a real server process: a batch that fails there leaves nothing behind
/// (on disk or in memory), so that its retry, once space is freed, is stored under its own
/// campaign, and the server starts again on the data.
/// </summary>
public sealed class DiskFullTests
{
    [LinuxRootFact]
    public async Task RecordCalls_NewSeriesOnAFullDiskRetriedOnceFreed_EveryAckedCallUnderItsCampaignAfterRestart()
    {
        // Arrange: a server on a 16 MiB disk with a first campaign stored.
        using var disk = SmallDisk.Mount(megabytes: 16);
        var dataDirectory = Path.Combine(disk.Path, "data");
        var port = KpiServerProcess.FreeLoopbackPort();
        RpcException failure;
        long dialedWhileFull;
        string log;
        await using (var server = await KpiServerProcess.StartAsync(dataDirectory, port))
        {
            var ingest = new V1.IngestService.IngestServiceClient(server.Channel);
            await ingest.RecordCallsAsync(Batch("camp-a", 300));

            // Act: camp-b's new (campaign, team, operator) series fail on the full disk; once space
            // is freed the same batch is retried, then camp-c brings series of its own.
            disk.Fill();
            failure = await Assert.ThrowsAsync<RpcException>(() => ingest.RecordCallsAsync(Batch("camp-b", 200)).ResponseAsync);
            dialedWhileFull = (await DialedByCampaignAsync(server)).Values.Sum();
            disk.Free();
            Assert.Equal(200, (await ingest.RecordCallsAsync(Batch("camp-b", 200))).Ack.Accepted);
            Assert.Equal(100, (await ingest.RecordCallsAsync(Batch("camp-c", 100))).Ack.Accepted);
            await server.KillHardAsync();
            log = server.Output;
        }

        await using var restarted = await KpiServerProcess.StartAsync(dataDirectory, port);
        var dialed = await DialedByCampaignAsync(restarted);

        // Assert: the client and the log are told the disk is full; queries answered meanwhile;
        // after the restart, every acked call is under its own campaign.
        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
        Assert.Contains(dataDirectory, failure.Status.Detail);
        Assert.Contains("full", failure.Status.Detail);
        Assert.Contains("free", failure.Status.Detail);
        Assert.Equal("STORE_DISK_FULL", failure.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
        Assert.Equal(TimeSpan.FromSeconds(5), failure.GetRpcStatus()!.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan());
        Assert.Contains($"Disk full: the data directory {dataDirectory} has", log);
        Assert.Equal(300, dialedWhileFull);
        Assert.Equal(new Dictionary<string, long> { ["camp-a"] = 300, ["camp-b"] = 200, ["camp-c"] = 100 }, dialed);
    }

    /// <summary>Calls of a campaign spread over five operators of their own: five new series.</summary>
    private static V1.RecordCallsRequest Batch(string campaign, int count) => Calls(
        [.. Enumerable.Range(0, count).Select(i => Call($"{campaign}-{i}", campaign, $"{campaign}-op-{i % 5}", V1.CallOutcome.NoAnswer, Day.AddMinutes(i % 600)))]);

    private static async Task<Dictionary<string, long>> DialedByCampaignAsync(KpiServerProcess server)
    {
        var response = await new V1.KpiService.KpiServiceClient(server.Channel).QueryKpisAsync(new V1.QueryKpisRequest
        {
            From = At(Day),
            To = At(Day.AddDays(1)),
            GroupBy = { V1.GroupDimension.Campaign },
        });
        return response.Groups.ToDictionary(group => group.Key.CampaignId, group => group.Counts.Dialed);
    }
}
