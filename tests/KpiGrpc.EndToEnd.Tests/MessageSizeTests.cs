using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using KpiGrpc.V1;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>Unary and streaming calls take the same largest message, and refuse one byte more with RESOURCE_EXHAUSTED.</summary>
public sealed class MessageSizeTests(KpiServerFixture fixture) : IClassFixture<KpiServerFixture>
{
    /// <summary>The largest request message, as the README's Limits table states it.</summary>
    private const int Limit = 64 * 1024 * 1024;

    private IngestService.IngestServiceClient Ingest => new(fixture.Server.Channel);

    [Fact]
    public async Task RecordCalls_ThirtyThousandCallsWith200CharacterIds_AreStored()
    {
        // Arrange: about 31 MB, over Kestrel's default request body limit (30,000,000 bytes).
        var id = new string('x', 190);
        var request = new RecordCallsRequest();
        for (var i = 0; i < 30_000; i++)
        {
            request.Calls.Add(new CallRecord
            {
                CallId = $"long-{i:D5}-{id[..189]}",
                CampaignId = $"c-{id}",
                OperatorId = $"o-{id}",
                TeamId = $"t-{id}",
                LeadId = $"l-{i:D5}-{id[..190]}",
                StartedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 2, 17, 0, 0, 0, TimeSpan.Zero).AddSeconds(i)),
                Outcome = CallOutcome.NoAnswer,
            });
        }

        // Act
        var response = await Ingest.RecordCallsAsync(request);

        // Assert
        Assert.True(request.CalculateSize() > 30_000_000, $"{request.CalculateSize()} bytes");
        Assert.Empty(response.Ack.Rejections);
        Assert.Equal(30_000, response.Ack.Accepted + response.Ack.Duplicates);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task RecordCalls_MessageAtTheLimitPlus_TakenUpToItRefusedPastIt(int over)
    {
        // Arrange
        var request = new RecordCallsRequest();
        SizedCalls.Fill(request, request.Calls, Limit + over);

        // Act
        var call = Ingest.RecordCallsAsync(request);

        // Assert
        await AssertTakenOrRefusedAsync(over, request.Calls.Count, async () => (await call).Ack);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task ImportCalls_MessageAtTheLimitPlus_TakenUpToItRefusedPastIt(int over)
    {
        // Arrange
        var request = new ImportCallsRequest { BatchId = 1 };
        SizedCalls.Fill(request, request.Calls, Limit + over);
        using var call = Ingest.ImportCalls();

        // Act
        try
        {
            await call.RequestStream.WriteAsync(request);
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server ended the call before the message was all sent; its status is read below.
        }

        // Assert
        await AssertTakenOrRefusedAsync(over, request.Calls.Count, async () =>
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            return call.ResponseStream.Current.Ack;
        });
    }

    private static async Task AssertTakenOrRefusedAsync(int over, int calls, Func<Task<BatchAck>> ack)
    {
        if (over == 0)
        {
            var taken = await ack();
            Assert.Empty(taken.Rejections);
            Assert.Equal(calls, taken.Accepted + taken.Duplicates + taken.Replaced);
            return;
        }

        var refused = await Assert.ThrowsAsync<RpcException>(ack);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
    }
}
