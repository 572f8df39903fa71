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
            using var call = await _reconnect.ExecuteAsync(token => SubscribeAsync(request, token), cancellationToken);
            yield return new KpiWatchEvent(call.ResponseStream.Current, reconnected);
            while (await NextAsync(call.ResponseStream, cancellationToken))
            {
                yield return new KpiWatchEvent(call.ResponseStream.Current);
            }

            reconnected = true;
            // A server that ends streams at once must not make this loop spin.
            await Task.Delay(options.RetryBaseDelay, cancellationToken);
        }
    }

    /// <summary>Opens the stream and waits for its snapshot, within the call deadline.</summary>
    private async ValueTask<AsyncServerStreamingCall<WatchKpisResponse>> SubscribeAsync(WatchKpisRequest request, CancellationToken cancellationToken)
    {
        using var snapshotDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        snapshotDeadline.CancelAfter(options.CallDeadline);
        var call = client.WatchKpis(request, cancellationToken: cancellationToken);
        try
        {
            if (!await call.ResponseStream.MoveNext(snapshotDeadline.Token))
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "The watch ended before its snapshot."));
            }

            return call;
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

    /// <summary>False when the stream ended or broke in a way a re-subscription can mend.</summary>
    private static async Task<bool> NextAsync(IAsyncStreamReader<WatchKpisResponse> stream, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.MoveNext(cancellationToken);
        }
        catch (RpcException ex) when (KpiResilience.IsTransient(ex.StatusCode) && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
