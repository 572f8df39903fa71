using Grpc.Core;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

public sealed class ImportTests(KpiServerFactory server) : IClassFixture<KpiServerFactory>
{
    private static readonly DateTimeOffset NineAm = Day.AddHours(9);

    [Fact]
    public async Task ImportCalls_ManyBatchesSentAtOnce_OneAckPerBatchInOrder()
    {
        // Arrange: batch 12 holds one invalid call (BUSY with talk time).
        var campaign = Unique("import");
        using var call = server.Ingest.ImportCalls();

        // Act
        for (var batchId = 10L; batchId < 20; batchId++)
        {
            await call.RequestStream.WriteAsync(Batch(campaign, batchId, invalidAt: batchId == 12 ? 7 : -1));
        }

        await call.RequestStream.CompleteAsync();
        var acks = await call.ResponseStream.ReadAllAsync().ToListAsync();

        // Assert
        Assert.Equal(Enumerable.Range(10, 10).Select(id => (long)id), acks.Select(a => a.BatchId));
        Assert.All(acks.Where(a => a.BatchId != 12), a => Assert.Equal(100, a.Ack.Accepted));
        var rejection = Assert.Single(acks.Single(a => a.BatchId == 12).Ack.Rejections);
        Assert.Equal((7, "talk_seconds"), (rejection.Index, rejection.Field));
        var group = Assert.Single((await server.Kpis.QueryKpisAsync(DayOf(campaign))).Groups);
        Assert.Equal(999, group.Counts.Dialed);
    }

    [Fact]
    public async Task ImportCalls_ClientWaitsForEachAck_AckArrivesBeforeNextBatch()
    {
        // Arrange
        var campaign = Unique("lockstep");
        using var call = server.Ingest.ImportCalls();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var batchIds = new List<long>();

        // Act: a client that never has more than one batch in flight must not stall.
        for (var batchId = 1L; batchId <= 3; batchId++)
        {
            await call.RequestStream.WriteAsync(Batch(campaign, batchId));
            Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
            batchIds.Add(call.ResponseStream.Current.BatchId);
        }

        await call.RequestStream.CompleteAsync();

        // Assert
        Assert.Equal([1L, 2L, 3L], batchIds);
        Assert.False(await call.ResponseStream.MoveNext(timeout.Token));
    }

    [Fact]
    public async Task ImportCalls_BatchTooLarge_EarlierBatchesAckedThenInvalidArgument()
    {
        // Arrange
        var campaign = Unique("too-large");
        var tooLarge = new V1.ImportCallsRequest { BatchId = 2 };
        for (var i = 0; i < 50_001; i++)
        {
            tooLarge.Calls.Add(new V1.CallRecord());
        }

        using var call = server.Ingest.ImportCalls();

        // Act
        await call.RequestStream.WriteAsync(Batch(campaign, 1));
        await call.RequestStream.WriteAsync(tooLarge);
        Assert.True(await call.ResponseStream.MoveNext());
        var first = call.ResponseStream.Current;
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        // Assert
        Assert.Equal((1L, 100), (first.BatchId, first.Ack.Accepted));
        Assert.Equal("calls", FieldViolation(error).Field);
    }

    [Fact]
    public async Task ImportSessions_Stream_AcksEchoBatchIds()
    {
        // Arrange
        var campaign = Unique("import-sessions");
        using var call = server.Ingest.ImportSessions();
        var request = new V1.ImportSessionsRequest
        {
            BatchId = 42,
            Sessions =
            {
                new V1.OperatorSession
                {
                    SessionId = $"{campaign}-s", OperatorId = "op-1", CampaignId = campaign,
                    StartedAt = At(NineAm), EndedAt = At(NineAm.AddHours(1)),
                },
            },
        };

        // Act
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        var ack = Assert.Single(await call.ResponseStream.ReadAllAsync().ToListAsync());

        // Assert
        Assert.Equal((42L, 1), (ack.BatchId, ack.Ack.Accepted));
    }

    private static V1.ImportCallsRequest Batch(string campaign, long batchId, int invalidAt = -1)
    {
        var request = new V1.ImportCallsRequest { BatchId = batchId };
        for (var i = 0; i < 100; i++)
        {
            var outcome = i == invalidAt ? V1.CallOutcome.Busy : V1.CallOutcome.Answered;
            request.Calls.Add(Call($"{campaign}-{batchId}-{i}", campaign, $"op-{i % 5}", outcome, NineAm.AddMinutes(i), talkSeconds: 10));
        }

        return request;
    }
}
