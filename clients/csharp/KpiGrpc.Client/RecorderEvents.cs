using KpiGrpc.V1;

namespace KpiGrpc.Client;

/// <summary>A call the server refused, with the reason.</summary>
/// <param name="Call">The refused call.</param>
/// <param name="Rejection">Why: the field at fault and a sentence a person can act on.</param>
public sealed record RejectedCall(CallRecord Call, Rejection Rejection);

/// <summary>The calls of a batch that the server refused; the others were stored.</summary>
public sealed class CallsRejectedEventArgs(IReadOnlyList<CallRecord> batch, BatchAck ack) : EventArgs
{
    /// <summary>The ack of the whole batch.</summary>
    public BatchAck Ack { get; } = ack;

    /// <summary>Each refused call with its rejection.</summary>
    public IReadOnlyList<RejectedCall> Rejected { get; } =
        ack.Rejections.Select(rejection => new RejectedCall(batch[rejection.Index], rejection)).ToArray();
}

/// <summary>A batch that could not be sent.</summary>
public sealed class FlushFailedEventArgs(IReadOnlyList<CallRecord> calls, Exception error, bool willRetry) : EventArgs
{
    /// <summary>The calls of the batch.</summary>
    public IReadOnlyList<CallRecord> Calls { get; } = calls;

    /// <summary>What went wrong: an RpcException or an open circuit.</summary>
    public Exception Error { get; } = error;

    /// <summary>True when the recorder keeps the batch and sends it again after the flush interval; false when it is dropped.</summary>
    public bool WillRetry { get; } = willRetry;
}
