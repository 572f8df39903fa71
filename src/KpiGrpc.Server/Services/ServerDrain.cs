using KpiGrpc.Server.Errors;

namespace KpiGrpc.Server.Services;

/// <summary>
/// The shutdown as calls see it. From SIGTERM on, no new batch is taken, import streams end once
/// every batch they delivered is acknowledged, and watches end at once, each with UNAVAILABLE
/// and a message saying what to do. The host then waits for the calls to end, at most
/// <see cref="Options.LimitsOptions.DrainTimeout"/>.
/// </summary>
public sealed class ServerDrain(IHostApplicationLifetime lifetime)
{
    /// <summary>Cancelled when the server begins to stop.</summary>
    public CancellationToken Stopping => lifetime.ApplicationStopping;

    /// <summary>Refuses a new batch once the server is stopping.</summary>
    public void ThrowIfStopping()
    {
        if (Stopping.IsCancellationRequested)
        {
            throw RpcErrors.ShuttingDown();
        }
    }

    /// <summary>Runs a watch until its client leaves or the server stops; then it ends saying to reconnect.</summary>
    public async Task RunWatchAsync(Func<CancellationToken, Task> watch, CancellationToken callCancelled)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(callCancelled, Stopping);
        try
        {
            await watch(either.Token);
        }
        catch (Exception) when (Stopping.IsCancellationRequested && !callCancelled.IsCancellationRequested)
        {
            throw RpcErrors.WatchDrained();
        }
    }
}
