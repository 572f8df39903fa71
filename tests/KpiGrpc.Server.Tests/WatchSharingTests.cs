using KpiGrpc.Server.Watching;
using Microsoft.Extensions.DependencyInjection;
using static KpiGrpc.Server.Tests.Proto;
using static KpiGrpc.Server.Tests.WatchReading;

namespace KpiGrpc.Server.Tests;

/// <summary>Watches of the same query share one computation.</summary>
public sealed class WatchSharingTests(KpiServerFactory server) : IClassFixture<KpiServerFactory>
{
    [Fact]
    public async Task WatchKpis_TenWatchesOfOneQuery_OneComputationForTheSnapshotAndOnePerChange()
    {
        // Arrange
        var hub = server.Services.GetRequiredService<WatchHub>();
        var campaign = Unique("shared");
        var now = DateTimeOffset.UtcNow;
        var before = hub.Computations;
        var watches = Enumerable.Range(0, 10)
            .Select(_ => server.Kpis.WatchKpis(Since(now.AddHours(-1), campaign, V1.GroupDimension.Operator)))
            .ToList();
        foreach (var watch in watches)
        {
            await NextEventAsync(watch);
        }

        // Act
        await server.Ingest.RecordCallsAsync(Calls(Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Answered, now.AddMinutes(-5))));
        var updates = new List<V1.WatchKpisResponse>();
        foreach (var watch in watches)
        {
            updates.AddRange(await NextEventAsync(watch));
        }

        // Assert: each watch got the update; the figures were computed twice in all, not twice per watch.
        Assert.All(updates, update => Assert.Equal(("op-1", 1L), (Assert.Single(update.Groups).Key.OperatorId, update.Groups[0].Counts.Dialed)));
        Assert.Equal(2, hub.Computations - before);
        Assert.Equal(1, hub.FeedCount);
        watches.ForEach(watch => watch.Dispose());
    }
}
