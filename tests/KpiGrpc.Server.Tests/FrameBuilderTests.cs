using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Server.Watching;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

/// <summary>What a watch is sent to catch up with a feed, wherever it stopped.</summary>
public sealed class FrameBuilderTests
{
    private static readonly WatchWindow Today = new(Day, Day.AddDays(1), Day.AddDays(1));

    [Fact]
    public void MessagesAfter_WatchTwoFramesBehind_GroupsChangedSinceAndRemovedOnesOnly()
    {
        // Arrange: frame 1 holds a, b, c; frame 2 changes a and loses c; frame 3 changes b and adds d.
        var frames = new FrameBuilder(maxMessageBytes: 64 * 1024);
        var first = frames.Next(Today, [Group("a", 1), Group("b", 1), Group("c", 1)], changes: 1, Day);
        frames.Next(Today, [Group("a", 2), Group("b", 1)], changes: 2, Day);
        var third = frames.Next(Today, [Group("a", 2), Group("b", 3), Group("d", 1)], changes: 3, Day);

        // Act
        var fromFirst = third.MessagesAfter(first.Generation, first.Window);
        var fromSecond = third.MessagesAfter(third.Generation - 1, Today);

        // Assert: c comes emptied (dialed 0) to the watch that held it.
        Assert.Equal([("a", 2L), ("b", 3L), ("d", 1L), ("c", 0L)], Groups(fromFirst));
        Assert.Equal([("b", 3L), ("d", 1L)], Groups(fromSecond));
        Assert.All(fromFirst.Concat(fromSecond), message => Assert.Equal(V1.WatchEventKind.Update, message.Kind));
    }

    [Fact]
    public void MessagesAfter_GroupCameAndWentSinceTheWatch_NothingToSend()
    {
        // Arrange
        var frames = new FrameBuilder(maxMessageBytes: 64 * 1024);
        var first = frames.Next(Today, [Group("a", 1)], changes: 1, Day);
        frames.Next(Today, [Group("a", 1), Group("x", 1)], changes: 2, Day);
        var third = frames.Next(Today, [Group("a", 1)], changes: 3, Day);

        // Act
        var messages = third.MessagesAfter(first.Generation, first.Window);

        // Assert
        Assert.Empty(messages);
    }

    [Fact]
    public void MessagesAfter_NewPeriod_SnapshotOfTheNewPeriodOnly()
    {
        // Arrange
        var frames = new FrameBuilder(maxMessageBytes: 64 * 1024);
        var first = frames.Next(Today, [Group("a", 5)], changes: 1, Day);
        var tomorrow = new WatchWindow(Day.AddDays(1), Day.AddDays(2), Day.AddDays(2));
        var second = frames.Next(tomorrow, [Group("b", 1)], changes: 1, Day.AddDays(1));

        // Act
        var messages = second.MessagesAfter(first.Generation, first.Window);

        // Assert
        var snapshot = Assert.Single(messages);
        Assert.Equal(V1.WatchEventKind.Snapshot, snapshot.Kind);
        Assert.Equal([("b", 1L)], Groups(messages));
        Assert.Equal(Day.AddDays(1), snapshot.WindowStart.ToDateTimeOffset());
    }

    [Fact]
    public void MessagesAfter_FirstMessageOfAWatch_SnapshotEvenWhenEmpty()
    {
        // Arrange
        var frame = new FrameBuilder(maxMessageBytes: 64 * 1024).Next(Today, [], changes: 0, Day);

        // Act
        var messages = frame.MessagesAfter(0, sentWindow: null);

        // Assert
        var snapshot = Assert.Single(messages);
        Assert.Equal((V1.WatchEventKind.Snapshot, 0, false), (snapshot.Kind, snapshot.Groups.Count, snapshot.Continued));
    }

    private static KpiGroupResult Group(string operatorId, long dialed)
    {
        var counters = new KpiCounters(dialed, dialed, 0, 0, 0, 0, 0, 0, 0, 0);
        return new KpiGroupResult(operatorId, null, null, null, null, counters, 0, false,
            KpiCalculator.Compute(counters, 0, BenchmarkSet.ArticleDefaults));
    }

    private static (string, long)[] Groups(IEnumerable<V1.WatchKpisResponse> messages) =>
        [.. messages.SelectMany(m => m.Groups).Select(g => (g.Key.OperatorId, g.Counts.Dialed))];
}
