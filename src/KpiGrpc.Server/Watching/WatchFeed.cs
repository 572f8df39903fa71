using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using KpiGrpc.Core.Querying;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// The computation shared by every watch of one query (see <see cref="WatchKey"/>). After a
/// change it recomputes at most once per coalesce interval, and only once some watch is ready
/// for newer figures: watches whose clients stop reading cost no computation, and each watch
/// takes the latest frame when it is ready, skipping those it was too slow for.
/// </summary>
public sealed class WatchFeed : IAsyncDisposable
{
    private readonly WatchPlan _plan;
    private readonly KpiQueryEngine _engine;
    private readonly TimeProvider _clock;
    private readonly FrameBuilder _frames;
    private readonly WatchComputeBudget _budget;
    private readonly Action _computed;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<bool> _demand = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private TaskCompletionSource<WatchFrame> _next = NewSource();
    private WatchFrame? _latest;
    private int _waiting;
    private Exception? _failure;
    private Task _loop = Task.CompletedTask;

    public WatchFeed(WatchPlan plan, KpiQueryEngine engine, TimeProvider clock, WatchComputeBudget budget, int maxMessageBytes, Action computed)
    {
        (_plan, _engine, _clock, _budget, _computed) = (plan, engine, clock, budget, computed);
        _frames = new FrameBuilder(maxMessageBytes);
        Subscription = new WatchSubscription(plan.Filter);
    }

    /// <summary>What the hub notifies of store commits.</summary>
    public WatchSubscription Subscription { get; }

    /// <summary>The watches sharing this feed; changed only under the hub's lock.</summary>
    internal int Members { get; set; }

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>A frame that includes every change notified before this call: a new watch's snapshot.</summary>
    public Task<WatchFrame> CurrentAsync(CancellationToken cancellationToken)
    {
        var required = Subscription.ChangeCount;
        return WaitForAsync(frame => frame.Changes >= required, cancellationToken);
    }

    /// <summary>The latest frame once there is one after generation <paramref name="seen"/>.</summary>
    public Task<WatchFrame> NextAsync(long seen, CancellationToken cancellationToken) =>
        WaitForAsync(frame => frame.Generation > seen, cancellationToken);

    private async Task<WatchFrame> WaitForAsync(Func<WatchFrame, bool> wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Read the promise before the frame: Publish sets the frame before completing the promise.
            var next = Volatile.Read(ref _next);
            if (Volatile.Read(ref _failure) is { } failure)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            if (Volatile.Read(ref _latest) is { } latest && wanted(latest))
            {
                return latest;
            }

            Interlocked.Increment(ref _waiting);
            try
            {
                _demand.Writer.TryWrite(true);
                await next.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        try
        {
            Publish(await ComputeAsync(stop));
            while (true)
            {
                var rolledOver = !await WaitForChangeAsync(_latest!.Window.End, stop);
                while (Volatile.Read(ref _waiting) == 0)
                {
                    // A signal left by a watch served meanwhile is stale: only a watch waiting now counts.
                    await _demand.Reader.ReadAsync(stop);
                }

                if (!rolledOver)
                {
                    // Gather the rest of a burst (a bulk import commits many times) into one computation.
                    await Task.Delay(_plan.CoalesceInterval, _clock, stop);
                }

                Publish(await ComputeAsync(stop));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            // Every watch of the feed fails with it; the interceptor maps it for the clients.
            Volatile.Write(ref _failure, error);
            Volatile.Read(ref _next).TrySetException(error);
        }
    }

    private Task<WatchFrame> ComputeAsync(CancellationToken cancellationToken) => _budget.RunAsync(ComputeNowAsync, cancellationToken);

    private async Task<WatchFrame> ComputeNowAsync(CancellationToken cancellationToken)
    {
        // The change count is read after the flag is lowered: this frame includes every change it counts.
        Subscription.ClearDirty();
        var changes = Subscription.ChangeCount;
        var window = _plan.WindowAt(_clock.GetUtcNow());
        Subscription.SetWindow(window.FromSlot, window.ToSlot);
        var groups = await _engine.QueryAsync(_plan.QueryFor(window), cancellationToken);
        _computed();
        return _frames.Next(window, groups, changes, _clock.GetUtcNow());
    }

    private void Publish(WatchFrame frame)
    {
        Volatile.Write(ref _latest, frame);
        Interlocked.Exchange(ref _next, NewSource()).TrySetResult(frame);
    }

    /// <summary>True when a change arrived; false when <paramref name="rolloverAt"/> came first.</summary>
    private async Task<bool> WaitForChangeAsync(DateTimeOffset? rolloverAt, CancellationToken cancellationToken)
    {
        if (rolloverAt is not { } rollover)
        {
            await Subscription.WaitDirtyAsync(cancellationToken);
            return true;
        }

        var untilRollover = rollover - _clock.GetUtcNow();
        if (untilRollover <= TimeSpan.Zero)
        {
            return false;
        }

        using var timeout = new CancellationTokenSource(untilRollover, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await Subscription.WaitDirtyAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static TaskCompletionSource<WatchFrame> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
