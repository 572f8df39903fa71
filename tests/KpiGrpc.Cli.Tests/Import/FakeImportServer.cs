using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Grpc.Core;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Import;

/// <summary>
/// A server stand-in: each <see cref="Open"/> is a new stream that acknowledges every batch at
/// once, rejecting the records <c>reject</c> picks. <see cref="FailStream"/> makes a stream fail
/// after a number of acknowledged batches, as a reset connection would.
/// </summary>
internal sealed class FakeImportServer(Func<CallRecord, string?> reject)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _stored = [];

    /// <summary>Every batch received, on every stream, in order.</summary>
    public List<List<CallRecord>> Batches { get; } = [];

    public int StreamsOpened { get; private set; }

    /// <summary>For stream number N (1-based): how many batches it acknowledges, then the status it fails with.</summary>
    public Dictionary<int, (int AckedBatches, StatusCode Status)> FailStream { get; } = [];

    /// <summary>For stream number N (1-based): the error it fails with, in place of <see cref="FailStream"/>'s bare status.</summary>
    public Dictionary<int, RpcException> FailWith { get; } = [];

    /// <summary>Call ids stored at least once: a replayed record counts as a duplicate.</summary>
    public int Stored
    {
        get
        {
            lock (_lock)
            {
                return _stored.Count;
            }
        }
    }

    public IImportStream<CallRecord> Open(CancellationToken cancellationToken)
    {
        StreamsOpened++;
        return new Stream(this, FailStream.GetValueOrDefault(StreamsOpened, (int.MaxValue, StatusCode.OK)), FailWith.GetValueOrDefault(StreamsOpened));
    }

    private BatchAck Store(IReadOnlyList<CallRecord> records)
    {
        lock (_lock)
        {
            Batches.Add([.. records]);
            var ack = new BatchAck();
            for (var i = 0; i < records.Count; i++)
            {
                if (reject(records[i]) is { } reason)
                {
                    ack.Rejections.Add(new Rejection { Index = i, RecordId = records[i].CallId, Reason = reason });
                }
                else if (_stored.Add(records[i].CallId))
                {
                    ack.Accepted++;
                }
                else
                {
                    ack.Duplicates++;
                }
            }

            return ack;
        }
    }

    private sealed class Stream(FakeImportServer server, (int AckedBatches, StatusCode Status) failure, RpcException? failWith) : IImportStream<CallRecord>
    {
        private readonly Channel<BatchAcknowledgement> _acks = Channel.CreateUnbounded<BatchAcknowledgement>();
        private int _received;

        public Task SendAsync(long batchId, IReadOnlyList<CallRecord> records, CancellationToken cancellationToken)
        {
            if (_received++ >= failure.AckedBatches)
            {
                var error = failWith ?? new RpcException(new Status(failure.Status, "stream failed", new IOException("connection reset")));
                _acks.Writer.TryComplete(error);
                return Task.FromException(error);
            }

            _acks.Writer.TryWrite(new BatchAcknowledgement(batchId, server.Store(records)));
            return Task.CompletedTask;
        }

        public Task CompleteAsync()
        {
            _acks.Writer.TryComplete();
            return Task.CompletedTask;
        }

        public async IAsyncEnumerable<BatchAcknowledgement> ReadAcksAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var ack in _acks.Reader.ReadAllAsync(cancellationToken))
            {
                yield return ack;
            }
        }

        public void Dispose()
        {
        }
    }
}
