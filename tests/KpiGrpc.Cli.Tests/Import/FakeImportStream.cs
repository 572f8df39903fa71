using System.Runtime.CompilerServices;
using System.Threading.Channels;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Import;

/// <summary>A server stand-in that acknowledges every batch at once, rejecting the records <see cref="Reject"/> picks.</summary>
internal sealed class FakeImportStream(Func<CallRecord, string?> reject) : IImportStream<CallRecord>
{
    private readonly Channel<BatchAcknowledgement> _acks = Channel.CreateUnbounded<BatchAcknowledgement>();

    public List<List<CallRecord>> Batches { get; } = [];

    public Func<CallRecord, string?> Reject { get; } = reject;

    public Task SendAsync(long batchId, IReadOnlyList<CallRecord> records, CancellationToken cancellationToken)
    {
        Batches.Add([.. records]);
        var ack = new BatchAck();
        for (var i = 0; i < records.Count; i++)
        {
            if (Reject(records[i]) is { } reason)
            {
                ack.Rejections.Add(new Rejection { Index = i, RecordId = records[i].CallId, Reason = reason });
            }
            else
            {
                ack.Accepted++;
            }
        }

        _acks.Writer.TryWrite(new BatchAcknowledgement(batchId, ack));
        return Task.CompletedTask;
    }

    public Task CompleteAsync()
    {
        _acks.Writer.Complete();
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
