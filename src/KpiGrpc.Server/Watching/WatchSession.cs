using Grpc.Core;
using KpiGrpc.Core.Querying;
using KpiGrpc.Server.Mapping;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// One WatchKpis stream: a snapshot, then coalesced updates of the groups that changed, and a
/// new snapshot whenever a current period rolls over.
/// </summary>
public sealed class WatchSession(WatchPlan plan, KpiQueryEngine engine, WatchHub hub, TimeProvider clock, ILogger logger)
{
    private readonly GroupDiff _diff = new();
    private int _updates;

    public async Task RunAsync(IServerStreamWriter<V1.WatchKpisResponse> responses, CancellationToken cancellationToken)
    {
        // Subscribe before the first computation so that no commit falls between the two.
        using var subscription = hub.Subscribe(plan.Filter);
        try
        {
            while (true)
            {
                var window = plan.WindowAt(clock.GetUtcNow());
                subscription.SetWindow(window.FromSlot, window.ToSlot);
                subscription.ClearDirty();
                KpiServerLog.WatchStarted(logger, window.Start, window.End, plan.CoalesceInterval);
                var snapshot = await engine.QueryAsync(plan.QueryFor(window), cancellationToken);
                _diff.Reset(snapshot);
                await responses.WriteAsync(Message(V1.WatchEventKind.Snapshot, window, snapshot, []), cancellationToken);

                await FollowAsync(subscription, window, responses, cancellationToken);
                KpiServerLog.WatchRolledOver(logger, window.End!.Value);
            }
        }
        finally
        {
            KpiServerLog.WatchEnded(logger, _updates);
        }
    }

    /// <summary>Sends updates until the window's period ends (never, for an open-ended window).</summary>
    private async Task FollowAsync(
        WatchSubscription subscription, WatchWindow window, IServerStreamWriter<V1.WatchKpisResponse> responses, CancellationToken cancellationToken)
    {
        while (await WaitForChangeAsync(subscription, window.End, cancellationToken))
        {
            // Gather the rest of a burst (a bulk import commits many times) into one update.
            await Task.Delay(plan.CoalesceInterval, clock, cancellationToken);
            subscription.ClearDirty();

            var now = clock.GetUtcNow();
            if (window.End is { } end && now >= end)
            {
                return;
            }

            var current = plan.WindowAt(now);
            var groups = await engine.QueryAsync(plan.QueryFor(current), cancellationToken);
            var (changed, removed) = _diff.Advance(groups);
            if (changed.Count + removed.Count > 0)
            {
                _updates++;
                await responses.WriteAsync(Message(V1.WatchEventKind.Update, current, changed, removed), cancellationToken);
            }
        }
    }

    /// <summary>True when a change arrived; false when <paramref name="rolloverAt"/> came first.</summary>
    private async Task<bool> WaitForChangeAsync(WatchSubscription subscription, DateTimeOffset? rolloverAt, CancellationToken cancellationToken)
    {
        if (rolloverAt is not { } rollover)
        {
            await subscription.WaitDirtyAsync(cancellationToken);
            return true;
        }

        var untilRollover = rollover - clock.GetUtcNow();
        if (untilRollover <= TimeSpan.Zero)
        {
            return false;
        }

        using var timeout = new CancellationTokenSource(untilRollover, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await subscription.WaitDirtyAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private V1.WatchKpisResponse Message(
        V1.WatchEventKind kind, WatchWindow window, IReadOnlyList<KpiGroupResult> groups, IReadOnlyList<KpiGroupResult> removed)
    {
        var message = new V1.WatchKpisResponse
        {
            Kind = kind,
            WindowStart = ProtoTime.ToTimestamp(window.Start),
            WindowEnd = window.End is { } end ? ProtoTime.ToTimestamp(end) : null,
            ComputedAt = ProtoTime.ToTimestamp(clock.GetUtcNow()),
        };
        foreach (var group in groups)
        {
            message.Groups.Add(KpiGroupMapper.ToProto(group));
        }

        foreach (var group in removed)
        {
            message.Groups.Add(KpiGroupMapper.ToProtoEmptied(group));
        }

        return message;
    }
}
