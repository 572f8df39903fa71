using System.Runtime.CompilerServices;
using Grpc.Core;
using KpiGrpc.V1;
using Polly;

namespace KpiGrpc.Client;

/// <summary>A WatchKpis stream that re-subscribes with the same request whenever the connection drops.</summary>
internal sealed class ResumingWatch(KpiService.KpiServiceClient client, KpiClientOptions options)
{
    private readonly ResiliencePipeline _reconnect = KpiResilience.CreateReconnectPipeline(options);

    public async IAsyncEnumerable<KpiWatchEvent> RunAsync(WatchKpisRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reconnected = false;
        while (true)
        {
            // Connected means holding a snapshot; until then the pipeline retries with backoff.
            using var subscription = await _reconnect.ExecuteAsync(token => SubscribeAsync(request, token), cancellationToken);
            yield return new KpiWatchEvent(subscription.Snapshot, reconnected);
            while (await NextAsync(subscription.Call.ResponseStream, cancellationToken) is { } next)
            {
                yield return new KpiWatchEvent(next);
            }

            reconnected = true;
            // A server that ends streams at once must not make this loop spin.
            await Task.Delay(options.RetryBaseDelay, cancellationToken);
        }
    }

    /// <summary>Opens the stream and waits for its whole snapshot, within the call deadline.</summary>
    private async ValueTask<Subscription> SubscribeAsync(WatchKpisRequest request, CancellationToken cancellationToken)
    {
        using var snapshotDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        snapshotDeadline.CancelAfter(options.CallDeadline);
        var call = client.WatchKpis(request, cancellationToken: cancellationToken);
        try
        {
            var snapshot = await WatchEvents.ReadAsync(call.ResponseStream, snapshotDeadline.Token)
                ?? throw new RpcException(new Status(StatusCode.Unavailable, "The watch ended before its snapshot."));
            return new Subscription(call, snapshot);
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled }
            && snapshotDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            call.Dispose();
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"No snapshot within {options.CallDeadline}."));
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    /// <summary>The next event; null when the stream ended or broke in a way a re-subscription can mend.</summary>
    private static async Task<WatchKpisResponse?> NextAsync(IAsyncStreamReader<WatchKpisResponse> stream, CancellationToken cancellationToken)
    {
        try
        {
            return await WatchEvents.ReadAsync(stream, cancellationToken);
        }
        catch (RpcException ex) when (KpiResilience.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private sealed record Subscription(AsyncServerStreamingCall<WatchKpisResponse> Call, WatchKpisResponse Snapshot) : IDisposable
    {
        public void Dispose() => Call.Dispose();
    }
}
