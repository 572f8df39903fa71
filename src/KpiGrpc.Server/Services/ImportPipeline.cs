using System.Threading.Channels;
using Grpc.Core;

namespace KpiGrpc.Server.Services;

/// <summary>
/// Runs a bidirectional import: keeps reading batches while earlier ones are being stored (so
/// the store can merge them into group commits), and writes one ack per batch, in request
/// order, each only once its batch is durable.
/// </summary>
public static class ImportPipeline
{
    /// <summary>Batches stored concurrently per stream; bounds the memory a fast client can pin.</summary>
    public const int MaxBatchesInFlight = 4;

    public static async Task RunAsync<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requests,
        IServerStreamWriter<TResponse> responses,
        Func<TRequest, CancellationToken, Task<TResponse>> storeBatch,
        CancellationToken cancellationToken)
    {
        using var pipeline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The ack writer holds one batch, the channel the rest.
        var pending = Channel.CreateBounded<Task<TResponse>>(new BoundedChannelOptions(MaxBatchesInFlight - 1)
        {
            SingleReader = true,
            SingleWriter = true,
        });

        var writer = WriteAcksAsync(pending.Reader, responses, pipeline, pipeline.Token);
        try
        {
            while (await requests.MoveNext(pipeline.Token))
            {
                // Started here, in stream order, so the store sees batches in the order sent
                // (it matters for equal revisions); only the commits overlap.
                await pending.Writer.WriteAsync(storeBatch(requests.Current, pipeline.Token), pipeline.Token);
            }

            pending.Writer.Complete();
        }
        catch (Exception ex)
        {
            pending.Writer.TryComplete(ex);
            pipeline.Cancel();
        }

        await writer;
    }

    private static async Task WriteAcksAsync<TResponse>(
        ChannelReader<Task<TResponse>> pending,
        IServerStreamWriter<TResponse> responses,
        CancellationTokenSource pipeline,
        CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in pending.ReadAllAsync(CancellationToken.None))
            {
                await responses.WriteAsync(await batch, cancellationToken);
            }
        }
        catch
        {
            // Stop reading requests: nothing after a failed batch may be acknowledged.
            pipeline.Cancel();
            throw;
        }
    }
}
