using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Grpc.Core;
using KpiGrpc.Server.Errors;

namespace KpiGrpc.Server.Services;

/// <summary>
/// Runs a bidirectional import: keeps reading batches while earlier ones are being stored (so
/// the store can merge them into group commits), and writes one ack per batch, in request
/// order, each only once its batch is durable. When reading stops (a bad or late message, the
/// server stopping), the batches already read are still stored and acknowledged before the
/// stream ends with the reason, so the client knows exactly where to resume.
/// </summary>
public static class ImportPipeline
{
    /// <summary>Batches stored concurrently per stream; bounds the memory a fast client can pin.</summary>
    public const int MaxBatchesInFlight = 4;

    public static async Task RunAsync<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requests,
        IServerStreamWriter<TResponse> responses,
        Func<TRequest, CancellationToken, Task<TResponse>> storeBatch,
        Func<TResponse, long> batchIdOf,
        CancellationToken serverStopping,
        CancellationToken cancellationToken)
    {
        // Cancelled when a batch fails: nothing after it may be acknowledged.
        using var pipeline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(pipeline.Token, serverStopping);
        // The ack writer holds one batch, the channel the rest.
        var pending = Channel.CreateBounded<Task<TResponse>>(new BoundedChannelOptions(MaxBatchesInFlight - 1)
        {
            SingleReader = true,
            SingleWriter = true,
        });

        var writer = WriteAcksAsync(pending.Reader, responses, batchIdOf, pipeline, cancellationToken);
        ExceptionDispatchInfo? readFailure = null;
        var drained = false;
        try
        {
            while (await requests.MoveNext(reading.Token))
            {
                // Started here, in stream order, so the store sees batches in the order sent
                // (it matters for equal revisions); only the commits overlap.
                await pending.Writer.WriteAsync(storeBatch(requests.Current, pipeline.Token), pipeline.Token);
            }
        }
        catch (Exception ex)
        {
            drained = serverStopping.IsCancellationRequested && !pipeline.IsCancellationRequested;
            readFailure = drained ? null : ExceptionDispatchInfo.Capture(ex);
        }

        pending.Writer.Complete();
        // A failed batch's error comes first; then why reading stopped.
        var lastAcked = await writer;
        readFailure?.Throw();
        if (drained)
        {
            throw RpcErrors.ImportDrained(lastAcked);
        }
    }

    /// <summary>Writes the acks in order; returns the batch_id of the last one written, if any.</summary>
    private static async Task<long?> WriteAcksAsync<TResponse>(
        ChannelReader<Task<TResponse>> pending,
        IServerStreamWriter<TResponse> responses,
        Func<TResponse, long> batchIdOf,
        CancellationTokenSource pipeline,
        CancellationToken cancellationToken)
    {
        long? lastAcked = null;
        try
        {
            await foreach (var batch in pending.ReadAllAsync(CancellationToken.None))
            {
                var ack = await batch;
                // The call's own token: grpc-dotnet aborts the whole stream when a write's token fires.
                await responses.WriteAsync(ack, cancellationToken);
                lastAcked = batchIdOf(ack);
            }

            return lastAcked;
        }
        catch
        {
            // Stop reading requests: nothing after a failed batch may be acknowledged.
            pipeline.Cancel();
            throw;
        }
    }
}
