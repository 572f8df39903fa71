using System.Threading.Channels;
using KpiGrpc.V1;

namespace KpiGrpc.Client;

/// <summary>
/// Buffers the calls a dialer reports and sends them in batches: when a batch is full, when its
/// oldest call has waited <see cref="KpiClientOptions.FlushInterval"/>, and on dispose. Memory is
/// bounded: when <see cref="KpiClientOptions.BufferCapacity"/> calls wait, <see cref="RecordAsync"/>
/// waits too. A batch that fails transiently is sent again until it is stored (call_id makes
/// that safe), so a server outage slows the dialer down instead of losing calls.
/// </summary>
public sealed class KpiCallRecorder : IAsyncDisposable
{
    private readonly Channel<CallRecord> _buffer;
    private readonly Func<IReadOnlyList<CallRecord>, CancellationToken, Task<BatchAck>> _send;
    private readonly KpiClientOptions _options;
    private readonly TimeProvider _time;
    private readonly Task _flushing;
    private volatile bool _disposing;

    /// <summary>A recorder sending through <paramref name="client"/>.</summary>
    public KpiCallRecorder(KpiClient client, KpiClientOptions options)
        : this((calls, token) => client.RecordCallsAsync(calls, token), options, TimeProvider.System)
    {
    }

    internal KpiCallRecorder(
        Func<IReadOnlyList<CallRecord>, CancellationToken, Task<BatchAck>> send, KpiClientOptions options, TimeProvider time)
    {
        KpiClientOptionsValidator.ThrowIfInvalid(options);
        _send = send;
        _options = options;
        _time = time;
        _buffer = Channel.CreateBounded<CallRecord>(new BoundedChannelOptions(options.BufferCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _flushing = Task.Run(FlushLoopAsync);
    }

    /// <summary>Raised after a batch is stored with some calls refused; the rest of the batch was stored.</summary>
    public event EventHandler<CallsRejectedEventArgs>? CallsRejected;

    /// <summary>Raised when a batch could not be sent; <see cref="FlushFailedEventArgs.WillRetry"/> says whether it is kept.</summary>
    public event EventHandler<FlushFailedEventArgs>? FlushFailed;

    /// <summary>Buffers a call; waits while the buffer is full.</summary>
    /// <exception cref="ObjectDisposedException">The recorder is disposed.</exception>
    public ValueTask RecordAsync(CallRecord call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _buffer.Writer.TryWrite(call) ? ValueTask.CompletedTask : WaitAndRecordAsync(call, cancellationToken);
    }

    /// <summary>Sends every buffered call, then stops. A batch that still fails after the retries is reported and dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        _buffer.Writer.TryComplete();
        await _flushing;
    }

    private async ValueTask WaitAndRecordAsync(CallRecord call, CancellationToken cancellationToken)
    {
        try
        {
            await _buffer.Writer.WriteAsync(call, cancellationToken);
        }
        catch (ChannelClosedException ex)
        {
            throw ex.InnerException ?? new ObjectDisposedException(nameof(KpiCallRecorder));
        }
    }

    private async Task FlushLoopAsync()
    {
        var batch = new List<CallRecord>(Math.Min(_options.BatchSize, _options.BufferCapacity));
        try
        {
            while (await _buffer.Reader.WaitToReadAsync())
            {
                await FillAsync(batch);
                await SendAsync(batch.ToArray());
                batch.Clear();
            }
        }
        catch (Exception ex)
        {
            // A recorder that cannot flush must not leave dialers waiting on a full buffer.
            _buffer.Writer.TryComplete(ex);
            throw;
        }
    }

    /// <summary>Takes buffered calls until the batch is full or the flush interval since the first one is over.</summary>
    private async Task FillAsync(List<CallRecord> batch)
    {
        using var interval = new CancellationTokenSource(_options.FlushInterval, _time);
        var reader = _buffer.Reader;
        while (true)
        {
            while (batch.Count < _options.BatchSize && reader.TryRead(out var call))
            {
                batch.Add(call);
            }

            if (batch.Count >= _options.BatchSize)
            {
                return;
            }

            try
            {
                if (!await reader.WaitToReadAsync(interval.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (interval.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task SendAsync(CallRecord[] calls)
    {
        while (true)
        {
            try
            {
                var ack = await _send(calls, CancellationToken.None);
                if (ack.Rejections.Count > 0)
                {
                    CallsRejected?.Invoke(this, new CallsRejectedEventArgs(calls, ack));
                }

                return;
            }
            catch (Exception ex) when (KpiResilience.IsTransient(ex))
            {
                var willRetry = !_disposing;
                FlushFailed?.Invoke(this, new FlushFailedEventArgs(calls, ex, willRetry));
                if (!willRetry)
                {
                    return;
                }

                // Never sooner than the server asked (a full disk, full request buffers).
                var wait = KpiResilience.ServerRetryDelay(ex) is { } server && server > _options.FlushInterval ? server : _options.FlushInterval;
                await Task.Delay(wait, _time);
            }
            catch (Grpc.Core.RpcException ex)
            {
                // The server refused the batch as a whole: sending it again would not help.
                FlushFailed?.Invoke(this, new FlushFailedEventArgs(calls, ex, willRetry: false));
                return;
            }
        }
    }
}
