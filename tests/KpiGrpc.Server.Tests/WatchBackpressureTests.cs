using Google.Protobuf.WellKnownTypes;
using KpiGrpc.Server.Watching;
using Microsoft.Extensions.DependencyInjection;
using static KpiGrpc.Server.Tests.Proto;
using static KpiGrpc.Server.Tests.WatchReading;

namespace KpiGrpc.Server.Tests;

/// <summary>A client that stops reading, over a real HTTP/2 connection and its flow control.</summary>
public sealed class WatchBackpressureTests(KestrelKpiServer server) : IClassFixture<KestrelKpiServer>
{
    [Fact]
    public async Task WatchKpis_ClientStopsReading_NoComputationWhileItDoesNotReadThenOneUpdateWithTheLatestFigures()
    {
        // Arrange: a snapshot of about 4.4 MB (6,000 groups keyed by three 200-character ids),
        // far more than the connection's buffers: the server's writes wait for the client.
        var hub = server.Services.GetRequiredService<WatchHub>();
        using var channel = server.NewChannel();
        var ingest = new V1.IngestService.IngestServiceClient(channel);
        var campaign = Unique("unread").PadRight(200, 'c');
        var team = "team".PadRight(200, 't');
        var now = DateTimeOffset.UtcNow;
        var calls = Enumerable.Range(0, 6_000)
            .Select(i => Call($"{campaign[..40]}-{i}", campaign, $"op-{i:D5}".PadRight(200, 'o'), V1.CallOutcome.Answered, now.AddMinutes(-30), team: team));
        await ingest.RecordCallsAsync(Calls([.. calls]));
        var request = Since(now.AddHours(-1), campaign, V1.GroupDimension.Operator, V1.GroupDimension.Team, V1.GroupDimension.Campaign);
        request.CoalesceInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(10));
        var before = hub.Computations;
        using var watch = new V1.KpiService.KpiServiceClient(channel).WatchKpis(request);
        var first = await NextAsync(watch);

        // Act: three commits while the client reads nothing, with time for a 10 ms coalesce to pass.
        for (var i = 0; i < 3; i++)
        {
            await ingest.RecordCallsAsync(Calls(Call($"{campaign[..40]}-late-{i}", campaign, $"late-{i}", V1.CallOutcome.Pitched, now.AddMinutes(-5), team: team)));
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        var computedWhileUnread = hub.Computations - before;
        var snapshot = new List<V1.WatchKpisResponse> { first };
        while (snapshot[^1].Continued)
        {
            snapshot.Add(await NextAsync(watch));
        }

        var update = await NextEventAsync(watch);

        // Assert
        Assert.Equal(1, computedWhileUnread);
        Assert.Equal(6_000, snapshot.Sum(m => m.Groups.Count));
        Assert.All(snapshot.Select(m => m.CalculateSize()), size => Assert.True(size <= 64 * 1024, $"a message of {size:N0} bytes (default limit 64 KiB)"));
        Assert.Equal(["late-0", "late-1", "late-2"], update.SelectMany(m => m.Groups).Select(g => g.Key.OperatorId));
        Assert.Equal(2, hub.Computations - before);
    }

    [Fact]
    public async Task WatchKpis_OneGroupChangesThreeTimesWhileTheClientDoesNotRead_OneUpdateWithItsLatestFigures()
    {
        // Arrange: a snapshot far larger than the connection's buffers, as above.
        using var channel = server.NewChannel();
        var ingest = new V1.IngestService.IngestServiceClient(channel);
        var campaign = Unique("coalesced").PadRight(200, 'c');
        var now = DateTimeOffset.UtcNow;
        var calls = Enumerable.Range(0, 6_000)
            .Select(i => Call($"{campaign[..40]}-{i}", campaign, $"op-{i:D5}".PadRight(200, 'o'), V1.CallOutcome.Answered, now.AddMinutes(-30)));
        await ingest.RecordCallsAsync(Calls([.. calls]));
        var request = Since(now.AddHours(-1), campaign, V1.GroupDimension.Operator);
        request.CoalesceInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(10));
        using var watch = new V1.KpiService.KpiServiceClient(channel).WatchKpis(request);
        await NextAsync(watch);

        // Act: three calls of one operator, committed one by one, while the client reads nothing.
        for (var i = 0; i < 3; i++)
        {
            await ingest.RecordCallsAsync(Calls(Call($"{campaign[..40]}-late-{i}", campaign, "late", V1.CallOutcome.Pitched, now.AddMinutes(-5))));
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        var snapshot = new List<V1.WatchKpisResponse>();
        do
        {
            snapshot.Add(await NextAsync(watch));
        }
        while (snapshot[^1].Continued);
        var update = await NextEventAsync(watch);
        var more = watch.ResponseStream.MoveNext(CancellationToken.None);
        var nothingMore = await Task.WhenAny(more, Task.Delay(TimeSpan.FromMilliseconds(500))) != more;

        // Assert: the operator once, with its three calls; no update left behind it.
        var late = Assert.Single(update.SelectMany(m => m.Groups));
        Assert.Equal(("late", 3L, 3L), (late.Key.OperatorId, late.Counts.Dialed, late.Counts.Pitched));
        Assert.True(nothingMore, "a second update followed the coalesced one");
    }
}
