using System.Runtime.CompilerServices;
using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Server.Watching;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

/// <summary>What a feed keeps of its messages: nothing a watch does not hold at that moment.</summary>
public sealed class WatchMessagesTests
{
    private static readonly WatchWindow Today = new(Day, Day.AddDays(1), Day.AddDays(1));

    [Fact]
    public void Indexer_TwoWatchesSendingTheSameMessage_OneObjectForBoth()
    {
        // Arrange
        var frame = new FrameBuilder(maxMessageBytes: 16 * 1024).Next(Today, Groups(500), changes: 1, Day);
        var snapshot = frame.MessagesAfter(0, sentWindow: null);

        // Act: one watch holds the first message (its write waits) when the other asks for it.
        var first = snapshot[0];
        var second = frame.MessagesAfter(0, sentWindow: null)[0];

        // Assert
        Assert.True(snapshot.Count > 1, $"{snapshot.Count} message(s)");
        Assert.Same(first, second);
    }

    [Fact]
    public void Indexer_NoWatchHoldsTheMessageAnyMore_FrameDoesNotKeepItAndBuildsItAgainTheSame()
    {
        // Arrange
        var frame = new FrameBuilder(maxMessageBytes: 16 * 1024).Next(Today, Groups(500), changes: 1, Day);
        var (sent, copy) = SendFirstMessage(frame);

        // Act
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var again = frame.MessagesAfter(0, sentWindow: null)[0];

        // Assert: the frame held the groups' bytes, not the message's objects.
        Assert.False(sent.TryGetTarget(out _), "the message outlived every watch that sent it");
        Assert.Equal(copy, again);
        Assert.Equal(Groups(500).Select(g => g.OperatorId), frame.MessagesAfter(0, sentWindow: null).SelectMany(m => m.Groups).Select(g => g.Key.OperatorId));
    }

    [Fact]
    public void MessagesAfter_OnlyTheLoggedHoursChanged_GroupSentAgain()
    {
        // Arrange: the same counters, logged hours now estimated from the calls.
        var frames = new FrameBuilder(maxMessageBytes: 64 * 1024);
        var first = frames.Next(Today, [Group("a", loggedHours: 0, estimated: false)], changes: 1, Day);
        var second = frames.Next(Today, [Group("a", loggedHours: 0.25, estimated: true)], changes: 2, Day);

        // Act
        var update = second.MessagesAfter(first.Generation, first.Window);

        // Assert
        var group = Assert.Single(Assert.Single(update).Groups);
        Assert.Equal((0.25, true), (group.Counts.LoggedHours, group.Counts.LoggedHoursEstimated));
    }

    /// <summary>A watch sends the first message and lets go of it; only a weak reference and a copy stay.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference<V1.WatchKpisResponse> Sent, V1.WatchKpisResponse Copy) SendFirstMessage(WatchFrame frame)
    {
        var message = frame.MessagesAfter(0, sentWindow: null)[0];
        return (new WeakReference<V1.WatchKpisResponse>(message), message.Clone());
    }

    private static List<KpiGroupResult> Groups(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Group($"op-{i:D4}", loggedHours: 1, estimated: false))];

    private static KpiGroupResult Group(string operatorId, double loggedHours, bool estimated)
    {
        var counters = new KpiCounters(4, 3, 2, 0, 1, 0, 0, 0, 90_000, 0);
        return new KpiGroupResult(operatorId, null, null, null, null, counters, loggedHours, estimated,
            KpiCalculator.Compute(counters, loggedHours, BenchmarkSet.ArticleDefaults));
    }
}
