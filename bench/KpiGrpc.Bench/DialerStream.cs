using System.Diagnostics;
using Grpc.Net.Client;
using KpiGrpc.V1;

namespace KpiGrpc.Bench;

/// <summary>
/// One dialer's ImportCalls stream, as a dialer pushes calls as they end: a small batch of
/// calls that just ended, its ack awaited, again and again until stopped. Records each ack's
/// latency (batch written to ack read) and checks that the whole batch was accepted.
/// </summary>
public sealed class DialerStream(GrpcChannel channel, int dialer, int batchSize, int seed)
{
    public List<double> LatenciesMs { get; } = [];

    public long Acked { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        var generator = new CallGenerator(seed + dialer, DateTimeOffset.UtcNow, days: 1);
        using var call = new IngestService.IngestServiceClient(channel).ImportCalls();
        long sequence = 0;
        for (var batchId = 0L; !stop.IsCancellationRequested; batchId++)
        {
            var request = new ImportCallsRequest { BatchId = batchId };
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < batchSize; i++)
            {
                var ended = generator.Next();
                // The call just ended: it started its talk time (and a few seconds of ringing) ago.
                request.Calls.Add(ProtoCalls.ToProto(ended with
                {
                    CallId = $"soak-{seed}-{dialer}-{sequence++}",
                    StartedAt = now.AddSeconds(-ended.TalkSeconds - 5),
                }));
            }

            var sent = Stopwatch.GetTimestamp();
            await call.RequestStream.WriteAsync(request, CancellationToken.None);
            if (!await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                throw new InvalidOperationException($"dialer {dialer}: the stream ended before the ack of batch {batchId}");
            }

            LatenciesMs.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            var ack = call.ResponseStream.Current;
            if (ack.BatchId != batchId || ack.Ack.Accepted != batchSize)
            {
                throw new InvalidOperationException($"dialer {dialer}: ack of batch {ack.BatchId} accepted {ack.Ack.Accepted} of {batchSize} where batch {batchId} was due");
            }

            Acked += ack.Ack.Accepted;
        }

        await call.RequestStream.CompleteAsync();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
        }
    }
}
