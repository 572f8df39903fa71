using Grpc.Core;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// One WatchKpis stream: a snapshot, then the groups that changed, taken from the feed its
/// query shares with every other watch of the same query; a new snapshot when a current period
/// rolls over. While the client does not read, the stream waits in a write and asks for nothing:
/// once it reads again it gets the latest figures, never a backlog.
/// </summary>
public sealed class WatchSession(WatchPlan plan, WatchHub hub, string? connectionId, TimeProvider clock, ILogger logger)
{
    private int _updates;

    public async Task RunAsync(IServerStreamWriter<V1.WatchKpisResponse> responses, CancellationToken cancellationToken)
    {
        // A window out of range is the caller's error, reported before the watch takes a place.
        plan.WindowAt(clock.GetUtcNow());
        await using var lease = hub.Join(plan, connectionId);
        try
        {
            var frame = await lease.Feed.CurrentAsync(cancellationToken);
            (long Generation, WatchWindow? Window) sent = (0, null);
            while (true)
            {
                var messages = frame.MessagesAfter(sent.Generation, sent.Window);
                LogProgress(frame.Window, sent.Window, messages.Count);
                foreach (var message in messages)
                {
                    await responses.WriteAsync(message, cancellationToken);
                }

                sent = (frame.Generation, frame.Window);
                frame = await lease.Feed.NextAsync(frame.Generation, cancellationToken);
            }
        }
        finally
        {
            KpiServerLog.WatchEnded(logger, _updates);
        }
    }

    private void LogProgress(WatchWindow window, WatchWindow? sentWindow, int messages)
    {
        if (sentWindow is null)
        {
            KpiServerLog.WatchStarted(logger, window.Start, window.End, plan.CoalesceInterval);
        }
        else if (!window.SamePeriodAs(sentWindow))
        {
            KpiServerLog.WatchRolledOver(logger, window.Start);
        }
        else if (messages > 0)
        {
            _updates++;
        }
    }
}
