using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using KpiGrpc.Server.Watching;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static KpiGrpc.Server.Tests.Proto;
using static KpiGrpc.Server.Tests.WatchReading;

namespace KpiGrpc.Server.Tests;

public sealed class WatchKpisTests(KpiServerFactory server, ITestOutputHelper output) : IClassFixture<KpiServerFactory>
{
    /// <summary>Generous, for a loaded CI box; the latency itself is written to the test output.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task WatchKpis_CallRecorded_SnapshotThenUpdateWithOnlyTheChangedGroup()
    {
        // Arrange: op-1 has a call before the watch starts.
        var campaign = Unique("watch");
        var now = DateTimeOffset.UtcNow;
        await server.Ingest.RecordCallsAsync(Calls(Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Answered, now.AddMinutes(-10))));
        using var watch = server.Kpis.WatchKpis(Since(now.AddHours(-1), campaign, V1.GroupDimension.Operator));
        var snapshot = await NextAsync(watch);

        // Act
        await server.Ingest.RecordCallsAsync(Calls(Call($"{campaign}-2", campaign, "op-2", V1.CallOutcome.Pitched, now.AddMinutes(-5))));
        var acked = Stopwatch.StartNew();
        var update = await NextAsync(watch);
        output.WriteLine($"Update arrived {acked.ElapsedMilliseconds} ms after the ack.");

        // Assert
        Assert.Equal(V1.WatchEventKind.Snapshot, snapshot.Kind);
        Assert.Equal(FloorToSlot(now.AddHours(-1)), snapshot.WindowStart.ToDateTimeOffset());
        Assert.Null(snapshot.WindowEnd);
        Assert.NotNull(snapshot.ComputedAt);
        Assert.Equal(("op-1", 1L), (Assert.Single(snapshot.Groups).Key.OperatorId, snapshot.Groups[0].Counts.Dialed));
        Assert.Equal(V1.WatchEventKind.Update, update.Kind);
        var changed = Assert.Single(update.Groups);
        Assert.Equal(("op-2", 1L, 1L), (changed.Key.OperatorId, changed.Counts.Dialed, changed.Counts.Pitched));
        Assert.True(acked.Elapsed < Patience);
    }

    [Fact]
    public async Task WatchKpis_CallMovedToAnotherOperator_UpdateSendsTheEmptiedGroupWithZeroCounts()
    {
        // Arrange
        var campaign = Unique("moved");
        var startedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        await server.Ingest.RecordCallsAsync(Calls(Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Answered, startedAt)));
        using var watch = server.Kpis.WatchKpis(Since(startedAt.AddHours(-1), campaign, V1.GroupDimension.Operator));
        await NextAsync(watch);

        // Act: revision 1 says the call was op-2's.
        await server.Ingest.RecordCallsAsync(Calls(Call($"{campaign}-1", campaign, "op-2", V1.CallOutcome.Answered, startedAt, revision: 1)));
        var update = await NextAsync(watch);

        // Assert
        Assert.Equal(
            [("op-2", 1L), ("op-1", 0L)],
            update.Groups.Select(g => (g.Key.OperatorId, g.Counts.Dialed)));
        Assert.Null(update.Groups[1].Kpis.AnswerRate);
    }

    [Fact]
    public async Task WatchKpis_OtherCampaignChanges_NoUpdateForThem()
    {
        // Arrange
        var watched = Unique("watched");
        var other = Unique("other");
        var now = DateTimeOffset.UtcNow;
        using var watch = server.Kpis.WatchKpis(Since(now.AddHours(-1), watched, V1.GroupDimension.Campaign));
        await NextAsync(watch);

        // Act: a change to another campaign, then (after a coalesce interval) one to the watched campaign.
        await server.Ingest.RecordCallsAsync(Calls(Call($"{other}-1", other, "op-1", V1.CallOutcome.Answered, now.AddMinutes(-3))));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await server.Ingest.RecordCallsAsync(Calls(Call($"{watched}-1", watched, "op-1", V1.CallOutcome.Answered, now.AddMinutes(-2))));
        var update = await NextAsync(watch);

        // Assert: the first message after the snapshot is the watched campaign's change alone.
        Assert.Equal(V1.WatchEventKind.Update, update.Kind);
        Assert.Equal(watched, Assert.Single(update.Groups).Key.CampaignId);
    }

    [Fact]
    public async Task WatchKpis_ClientCancels_StreamEndsAndServerUnsubscribes()
    {
        // Arrange: the watches of earlier tests of this class (same server) may still be
        // unsubscribing; start once they are gone, so the counts below are this watch's.
        var hub = server.Services.GetRequiredService<WatchHub>();
        await WaitUntilAsync(() => hub.SubscriberCount == 0);
        var before = hub.SubscriberCount;
        using var cancel = new CancellationTokenSource();
        using var watch = server.Kpis.WatchKpis(Since(DateTimeOffset.UtcNow.AddHours(-1), Unique("cancel")), cancellationToken: cancel.Token);
        await NextAsync(watch);
        var during = hub.SubscriberCount;

        // Act
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext());

        // Assert
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(before + 1, during);
        await WaitUntilAsync(() => hub.SubscriberCount == before);
        Assert.Equal(before, hub.SubscriberCount);
    }

    [Fact]
    public async Task WatchKpis_CurrentDay_SnapshotCoversTodayInTheTimeZone()
    {
        // Arrange
        var request = new V1.WatchKpisRequest { CurrentPeriod = V1.CurrentPeriod.Day, TimeZone = "Asia/Kolkata" };
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var localToday = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date;

        // Act
        using var watch = server.Kpis.WatchKpis(request);
        var snapshot = await NextAsync(watch);

        // Assert: Kolkata is UTC+05:30 all year, so local midnight is 18:30 UTC the day before.
        var expectedStart = new DateTimeOffset(localToday, TimeSpan.FromHours(5.5));
        Assert.Equal(V1.WatchEventKind.Snapshot, snapshot.Kind);
        Assert.Equal(expectedStart, snapshot.WindowStart.ToDateTimeOffset());
        Assert.Equal(expectedStart.AddDays(1), snapshot.WindowEnd.ToDateTimeOffset());
    }

    [Theory]
    [InlineData(5)]
    [InlineData(61_000)]
    public async Task WatchKpis_CoalesceIntervalOutOfRange_InvalidArgument(int milliseconds)
    {
        // Arrange
        var request = Since(DateTimeOffset.UtcNow, "any");
        request.CoalesceInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(milliseconds));

        // Act
        using var watch = server.Kpis.WatchKpis(request);
        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext());

        // Assert
        Assert.Equal("coalesce_interval", FieldViolation(error).Field);
    }

    [Fact]
    public async Task WatchKpis_NoWindow_InvalidArgument()
    {
        // Arrange
        using var watch = server.Kpis.WatchKpis(new V1.WatchKpisRequest());

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext());

        // Assert
        Assert.Equal("window", FieldViolation(error).Field);
    }

    private static DateTimeOffset FloorToSlot(DateTimeOffset instant) =>
        DateTimeOffset.FromUnixTimeSeconds(instant.ToUnixTimeSeconds() / 900 * 900);
}
