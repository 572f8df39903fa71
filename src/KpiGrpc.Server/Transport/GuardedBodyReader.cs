using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using KpiGrpc.Server.Errors;

namespace KpiGrpc.Server.Transport;

/// <summary>
/// A call's request body as gRPC reads it, with two limits added: the bytes it holds count in
/// the server's <see cref="RequestBufferBudget"/>, and once a message has begun, the time spent
/// waiting for the rest of it is bounded. Only waits count: a server slow to read (a busy
/// store) never makes a client's message late.
/// </summary>
internal sealed class GuardedBodyReader(PipeReader inner, RequestBufferBudget budget, TimeSpan messageTimeout, ILogger logger, string method)
    : PipeReader
{
    private ReadOnlySequence<byte> _buffer;
    private long _held;
    private TimeSpan _waitedForMessage;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        // Nothing held: the client is between messages, and may be for as long as it likes.
        var result = _held == 0 ? await ReadBodyAsync(cancellationToken) : await ReadRestOfMessageAsync(cancellationToken);
        Hold(result);
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        Hold(result);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        var left = _buffer.Slice(consumed).Length;
        if (left < _buffer.Length)
        {
            // A message was taken: the clock of the next one starts from zero.
            _waitedForMessage = TimeSpan.Zero;
        }

        budget.TryChange(left - _held);
        _held = left;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null)
    {
        Release();
        inner.Complete(exception);
    }

    /// <summary>Gives back this call's share of the budget; the call is over, or its bytes are dropped.</summary>
    public void Release() => budget.TryChange(-Interlocked.Exchange(ref _held, 0));

    private async ValueTask<ReadResult> ReadRestOfMessageAsync(CancellationToken cancellationToken)
    {
        using var late = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        late.CancelAfter(messageTimeout > _waitedForMessage ? messageTimeout - _waitedForMessage : TimeSpan.Zero);
        var waitStarted = Stopwatch.GetTimestamp();
        try
        {
            return await ReadBodyAsync(late.Token);
        }
        catch (OperationCanceledException) when (late.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var received = _held;
            Release();
            KpiServerLog.MessageTimedOut(logger, method, messageTimeout, received);
            throw RpcErrors.MessageTimedOut(messageTimeout, received);
        }
        finally
        {
            _waitedForMessage += Stopwatch.GetElapsedTime(waitStarted);
        }
    }

    private async ValueTask<ReadResult> ReadBodyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await inner.ReadAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's body limit, past which a unary call would otherwise end with a bare UNKNOWN.
            throw RpcErrors.RequestTooLarge(KpiServerExtensions.MaxRequestBodySize);
        }
    }

    private void Hold(ReadResult result)
    {
        _buffer = result.Buffer;
        if (!budget.TryChange(result.Buffer.Length - _held))
        {
            inner.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            Release();
            KpiServerLog.RequestBuffersFull(logger, method, budget.Limit);
            throw RpcErrors.RequestBuffersFull(budget.Limit);
        }

        _held = result.Buffer.Length;
    }
}
