using static KpiGrpc.Server.Tests.Proto;
using static KpiGrpc.Server.Tests.WatchReading;

namespace KpiGrpc.Server.Tests;

public sealed class WatchSplitTests(WatchSplitTests.SmallMessagesServer server) : IClassFixture<WatchSplitTests.SmallMessagesServer>
{
    private const int MaxMessageBytes = 16 * 1024;

    /// <summary>A server whose watch messages stop at 16 KiB, so a few hundred groups make several.</summary>
    public sealed class SmallMessagesServer() : KpiServerFactory(new Dictionary<string, string?>
    {
        ["Kpi:Watch:MaxMessageBytes"] = $"{MaxMessageBytes}",
    });

    [Fact]
    public async Task WatchKpis_SnapshotOverTheMessageSize_MessagesUnderItThatHoldEveryGroupOnce()
    {
        // Arrange: 600 operators, about 90 KB of groups.
        var campaign = Unique("split");
        var now = DateTimeOffset.UtcNow;
        await RecordOperatorsAsync(campaign, "op", 600, now.AddMinutes(-10));
        using var watch = server.Kpis.WatchKpis(Since(now.AddHours(-1), campaign, V1.GroupDimension.Operator));

        // Act
        var snapshot = await NextEventAsync(watch);

        // Assert: a SNAPSHOT then UPDATEs, all but the last continued.
        Assert.True(snapshot.Count > 1, $"{snapshot.Count} message(s)");
        Assert.All(snapshot, message => Assert.True(message.CalculateSize() <= MaxMessageBytes, $"{message.CalculateSize()} bytes"));
        Assert.Equal(V1.WatchEventKind.Snapshot, snapshot[0].Kind);
        Assert.All(snapshot.Skip(1), message => Assert.Equal(V1.WatchEventKind.Update, message.Kind));
        Assert.All(snapshot[..^1], message => Assert.True(message.Continued));
        Assert.Equal(Ids("op", 600), snapshot.SelectMany(m => m.Groups).Select(g => g.Key.OperatorId));
        Assert.Single(snapshot.Select(m => m.ComputedAt).Distinct());
    }

    [Fact]
    public async Task WatchKpis_UpdateOverTheMessageSize_MessagesThatHoldEveryChangedGroupOnce()
    {
        // Arrange
        var campaign = Unique("split-update");
        var now = DateTimeOffset.UtcNow;
        await RecordOperatorsAsync(campaign, "old", 1, now.AddMinutes(-10));
        using var watch = server.Kpis.WatchKpis(Since(now.AddHours(-1), campaign, V1.GroupDimension.Operator));
        await NextEventAsync(watch);

        // Act
        await RecordOperatorsAsync(campaign, "new", 600, now.AddMinutes(-5));
        var update = await NextEventAsync(watch);

        // Assert
        Assert.True(update.Count > 1, $"{update.Count} message(s)");
        Assert.All(update, message => Assert.Equal(V1.WatchEventKind.Update, message.Kind));
        Assert.All(update, message => Assert.True(message.CalculateSize() <= MaxMessageBytes, $"{message.CalculateSize()} bytes"));
        Assert.False(update[^1].Continued);
        Assert.Equal(Ids("new", 600), update.SelectMany(m => m.Groups).Select(g => g.Key.OperatorId));
    }

    private static IEnumerable<string> Ids(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D4}");

    private async Task RecordOperatorsAsync(string campaign, string prefix, int count, DateTimeOffset startedAt)
    {
        var calls = Ids(prefix, count).Select(op => Call($"{campaign}-{op}", campaign, op, V1.CallOutcome.Pitched, startedAt, talkSeconds: 90));
        await server.Ingest.RecordCallsAsync(Calls([.. calls]));
    }
}
