using System.Diagnostics;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// Bounds the time all feeds together spend computing figures: one computation at a time, in
/// turn, and after each a pause long enough that computing takes at most
/// <c>Kpi:Watch:MaxComputeShare</c> of the time. However many distinct queries are watched,
/// ingest keeps its speed; when they need more, each feed updates less often than its
/// coalesce interval, still with the latest figures.
/// </summary>
public sealed class WatchComputeBudget(double share)
{
    // SemaphoreSlim queues waiters in order: feeds take turns.
    private readonly SemaphoreSlim _turn = new(1, 1);
    private long _nextStart;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var rest = Stopwatch.GetElapsedTime(_nextStart, Stopwatch.GetTimestamp());
            if (rest < TimeSpan.Zero)
            {
                await Task.Delay(-rest, cancellationToken);
            }

            var started = Stopwatch.GetTimestamp();
            var result = await compute(cancellationToken);
            var ended = Stopwatch.GetTimestamp();
            _nextStart = ended + (long)((ended - started) * (1 - share) / share);
            return result;
        }
        finally
        {
            _turn.Release();
        }
    }
}
