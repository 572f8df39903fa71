using Google.Rpc;
using Grpc.Core;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests.Access;

/// <summary>A key flooding the ingest RPCs past its limits while another key's dialer keeps sending small batches.</summary>
public sealed class FloodTests
{
    private static readonly DateTimeOffset NineAm = Day.AddHours(9);

    [Fact]
    public async Task RecordCalls_OtherKeyFloodsPastItsLimits_EveryBatchOfTheDialerAcked()
    {
        // Arrange: 20 calls and 200 records a second, 2 streams, per key; the dialer ("ingest-a") sends
        // 10 batches of 5, within its own limits even if all fall in one second
        await using var server = KeyedKpiServer.With(new Dictionary<string, string?>
        {
            ["Kpi:Limits:PerKey:RequestsPerSecond"] = "20",
            ["Kpi:Limits:PerKey:RecordsPerSecond"] = "200",
            ["Kpi:Limits:PerKey:ConcurrentStreams"] = "2",
        });
        var ingest = new V1.IngestService.IngestServiceClient(server.Open());
        using var stop = new CancellationTokenSource();
        var flood = new Flood(ingest, server.As("ingest"), Unique("flood"));
        var floods = new[] { flood.RecordAsync(stop.Token), flood.RecordAsync(stop.Token), flood.ImportAsync(stop.Token), flood.ImportAsync(stop.Token), flood.ImportAsync(stop.Token) };
        await flood.FirstRefusal.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // Act
        var dialerAcks = new List<V1.BatchAck>();
        for (var batch = 0; batch < 10; batch++)
        {
            var calls = Enumerable.Range(0, 5).Select(i => Call($"dialer-{batch}-{i}-{Guid.NewGuid():N}", KeyedKpiServer.ScopedCampaign, "op-dialer", V1.CallOutcome.Answered, NineAm.AddMinutes(i)));
            dialerAcks.Add((await ingest.RecordCallsAsync(Calls([.. calls]), server.As("ingest-a"))).Ack);
        }

        await stop.CancelAsync();
        await Task.WhenAll(floods);

        // Assert: the flood was refused by its own limits while the dialer was served
        Assert.All(dialerAcks, ack => Assert.Equal((5, 0), (ack.Accepted, ack.Rejections.Count)));
        Assert.Subset(new HashSet<string> { "KEY_RATE_LIMITED", "KEY_RECORDS_LIMITED", "KEY_STREAMS_LIMITED" }, flood.Reasons);
        Assert.True(flood.Refusals > 0 && flood.Accepted > 0, $"{flood.Refusals} refusals, {flood.Accepted} calls stored");
    }

    /// <summary>One key sending as fast as it can and counting what it is refused.</summary>
    private sealed class Flood(V1.IngestService.IngestServiceClient ingest, CallOptions key, string campaign)
    {
        private int _refusals;
        private long _accepted;
        private int _sequence;

        public TaskCompletionSource FirstRefusal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HashSet<string> Reasons { get; } = [];

        public int Refusals => _refusals;

        public long Accepted => Interlocked.Read(ref _accepted);

        public async Task RecordAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    Interlocked.Add(ref _accepted, (await ingest.RecordCallsAsync(Calls(NextBatch()), key)).Ack.Accepted);
                }
                catch (RpcException refused)
                {
                    Refused(refused);
                }
            }
        }

        public async Task ImportAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var import = ingest.ImportCalls(key);
                    for (var batchId = 1L; !stop.IsCancellationRequested; batchId++)
                    {
                        try
                        {
                            await import.RequestStream.WriteAsync(new V1.ImportCallsRequest { BatchId = batchId, Calls = { NextBatch() } });
                        }
                        catch (RpcException)
                        {
                            // A stream refused at once ends before the write; its status is what the response stream says.
                        }

                        Assert.True(await import.ResponseStream.MoveNext(CancellationToken.None));
                        Interlocked.Add(ref _accepted, import.ResponseStream.Current.Ack.Accepted);
                    }
                }
                catch (RpcException refused)
                {
                    Refused(refused);
                }
            }
        }

        private V1.CallRecord[] NextBatch()
        {
            var batch = Interlocked.Increment(ref _sequence);
            return [.. Enumerable.Range(0, 50).Select(i => Call($"{campaign}-{batch}-{i}", campaign, "op-flood", V1.CallOutcome.Answered, NineAm.AddSeconds(i)))];
        }

        private void Refused(RpcException refused)
        {
            Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
            lock (Reasons)
            {
                Reasons.Add(refused.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
            }

            Interlocked.Increment(ref _refusals);
            FirstRefusal.TrySetResult();
        }
    }
}
