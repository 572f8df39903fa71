using Grpc.Core;
using KpiGrpc.Server.Errors;

namespace KpiGrpc.Server.Services;

/// <summary>
/// The shutdown as calls see it. From SIGTERM on, no new batch is taken, import streams end once
/// every batch they delivered is acknowledged, and watches and computations end at once, each
/// with UNAVAILABLE, a message saying what to do and a RetryInfo saying when. The host then waits for the calls to end, at most
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
    public Task RunWatchAsync<T>(
        Func<IServerStreamWriter<T>, CancellationToken, Task> watch, IServerStreamWriter<T> responses, CancellationToken callCancelled) =>
        RunUntilStoppingAsync(watch, responses, callCancelled, RpcErrors.WatchDrained);

    /// <summary>
    /// Runs a computation until it ends or the server stops; then it ends saying to run it again
    /// (nothing of it is kept). One that arrives once the server is stopping is refused the same way.
    /// </summary>
    public Task RunComputationAsync<T>(
        Func<IServerStreamWriter<T>, CancellationToken, Task> computation, IServerStreamWriter<T> responses, CancellationToken callCancelled)
    {
        if (Stopping.IsCancellationRequested)
        {
            throw RpcErrors.ComputeDrained();
        }

        return RunUntilStoppingAsync(computation, responses, callCancelled, RpcErrors.ComputeDrained);
    }

    private async Task RunUntilStoppingAsync<T>(
        Func<IServerStreamWriter<T>, CancellationToken, Task> call, IServerStreamWriter<T> responses, CancellationToken callCancelled, Func<RpcException> drained)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(callCancelled, Stopping);
        try
        {
            await call(new CallScopedWriter<T>(responses, callCancelled), either.Token);
        }
        catch (Exception) when (Stopping.IsCancellationRequested && !callCancelled.IsCancellationRequested)
        {
            throw drained();
        }
    }

    /// <summary>
    /// Keeps the stopping token away from grpc-dotnet's writes: a write aborts the whole HTTP/2
    /// stream (RST_STREAM CANCEL) when its token fires, even before it starts, and the client then
    /// never sees the status saying to reconnect. A write is refused once the server is stopping.
    /// </summary>
    private sealed class CallScopedWriter<T>(IServerStreamWriter<T> responses, CancellationToken callCancelled) : IServerStreamWriter<T>
    {
        public WriteOptions? WriteOptions
        {
            get => responses.WriteOptions;
            set => responses.WriteOptions = value;
        }

        public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

        public Task WriteAsync(T message, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return responses.WriteAsync(message, callCancelled);
        }
    }
}
