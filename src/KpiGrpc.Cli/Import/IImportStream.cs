using KpiGrpc.V1;

namespace KpiGrpc.Cli.Import;

/// <summary>One bidirectional import call: batches go out, acknowledgements come back in order.</summary>
internal interface IImportStream<TRecord> : IDisposable
{
    Task SendAsync(long batchId, IReadOnlyList<TRecord> records, CancellationToken cancellationToken);

    /// <summary>Tells the server no more batches follow.</summary>
    Task CompleteAsync();

    IAsyncEnumerable<BatchAcknowledgement> ReadAcksAsync(CancellationToken cancellationToken);
}

/// <summary>The server's answer to one batch.</summary>
internal readonly record struct BatchAcknowledgement(long BatchId, BatchAck Ack);
