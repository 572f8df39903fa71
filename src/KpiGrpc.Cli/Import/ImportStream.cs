using Grpc.Core;

namespace KpiGrpc.Cli.Import;

/// <summary>Adapts one of the three Import* RPCs, whose messages differ only in their record field.</summary>
internal sealed class ImportStream<TRecord, TRequest, TResponse>(
    AsyncDuplexStreamingCall<TRequest, TResponse> call,
    Func<long, IReadOnlyList<TRecord>, TRequest> toRequest,
    Func<TResponse, BatchAcknowledgement> toAck) : IImportStream<TRecord>
{
    public Task SendAsync(long batchId, IReadOnlyList<TRecord> records, CancellationToken cancellationToken) =>
        call.RequestStream.WriteAsync(toRequest(batchId, records), cancellationToken);

    public Task CompleteAsync() => call.RequestStream.CompleteAsync();

    public async IAsyncEnumerable<BatchAcknowledgement> ReadAcksAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            yield return toAck(response);
        }
    }

    public void Dispose() => call.Dispose();
}
