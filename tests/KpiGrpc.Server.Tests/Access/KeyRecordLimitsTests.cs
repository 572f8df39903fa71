using System.Globalization;
using Google.Rpc;
using Grpc.Core;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests.Access;

/// <summary>Per-key records a second (<c>Kpi:Limits:PerKey:RecordsPerSecond</c>): a refused batch is refused whole, nothing acked is lost.</summary>
public sealed class KeyRecordLimitsTests
{
    private const int Limit = 10;
    private const int BatchSize = 4;
    private static readonly DateTimeOffset NineAm = Day.AddHours(9);

    [Fact]
    public async Task ImportCalls_KeyOverItsRecordsASecond_AckedBatchesStoredAndResentBatchStoredAfterTheDelay()
    {
        // Arrange: 10 records a second, batches of 4: the third batch within a second is refused
        await using var server = KeyedKpiServer.With(Settings(Limit));
        var ingest = new V1.IngestService.IngestServiceClient(server.Open());
        var campaign = Unique("records");
        var acked = new List<long>();
        RpcException? refused = null;

        // Act: one batch at a time; the bucket refills whole every second, so a refill may fall between batches
        using (var import = ingest.ImportCalls(server.As("ingest")))
        {
            for (var batchId = 1L; batchId <= 30 && refused is null; batchId++)
            {
                await import.RequestStream.WriteAsync(Batch(campaign, batchId));
                try
                {
                    Assert.True(await import.ResponseStream.MoveNext(CancellationToken.None));
                    acked.Add(import.ResponseStream.Current.BatchId);
                }
                catch (RpcException error)
                {
                    refused = error;
                }
            }
        }

        var storedBeforeRetry = await DialedAsync(server, campaign);
        var delay = refused?.GetRpcStatus()?.GetDetail<RetryInfo>()?.RetryDelay.ToTimeSpan() ?? TimeSpan.Zero;
        await Task.Delay(delay);
        var resentBatchId = acked.Count + 1L;
        using var retry = ingest.ImportCalls(server.As("ingest"));
        await retry.RequestStream.WriteAsync(Batch(campaign, resentBatchId));
        await retry.RequestStream.CompleteAsync();
        var resent = await retry.ResponseStream.ReadAllAsync().ToListAsync();

        // Assert
        Assert.NotNull(refused);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        var info = refused.GetRpcStatus()!.GetDetail<ErrorInfo>()!;
        Assert.Equal("KEY_RECORDS_LIMITED", info.Reason);
        Assert.Equal(("ingest", "10", "4"), (info.Metadata["key"], info.Metadata["limit"], info.Metadata["records"]));
        Assert.InRange(delay, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        Assert.Equal(acked.Count * BatchSize, storedBeforeRetry);
        Assert.Equal((resentBatchId, BatchSize), (Assert.Single(resent).BatchId, resent[0].Ack.Accepted));
        Assert.Equal((acked.Count + 1) * BatchSize, await DialedAsync(server, campaign));
    }

    [Fact]
    public async Task RecordCalls_KeyOverItsRecordsASecond_BatchStoresNothingWhileAnotherKeyStores()
    {
        // Arrange
        await using var server = KeyedKpiServer.With(Settings(Limit));
        var ingest = new V1.IngestService.IngestServiceClient(server.Open());
        var greedy = Unique("greedy");
        var accepted = 0;
        RpcException? refused = null;

        // Act
        for (var i = 0; i < 30 && refused is null; i++)
        {
            try
            {
                accepted += (await ingest.RecordCallsAsync(Calls(CallsOf(greedy, i)), server.As("ingest"))).Ack.Accepted;
            }
            catch (RpcException error)
            {
                refused = error;
            }
        }

        var other = await ingest.RecordCallsAsync(Calls(CallsOf(KeyedKpiServer.ScopedCampaign, 0, Unique("other"))), server.As("ingest-a"));

        // Assert
        Assert.NotNull(refused);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("KEY_RECORDS_LIMITED", refused.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
        Assert.NotNull(refused.GetRpcStatus()!.GetDetail<RetryInfo>());
        Assert.Equal(accepted, await DialedAsync(server, greedy));
        Assert.Equal(BatchSize, other.Ack.Accepted);
    }

    [Fact]
    public async Task RecordCalls_OpenServer_NoRecordsLimit()
    {
        // Arrange: no keys file, a limit a keyed server would enforce at the third batch
        await using var server = new OpenServer(Settings(Limit));
        var campaign = Unique("open");

        // Act
        var accepted = 0;
        for (var i = 0; i < 5; i++)
        {
            accepted += (await server.Ingest.RecordCallsAsync(Calls(CallsOf(campaign, i)))).Ack.Accepted;
        }

        // Assert
        Assert.Equal(5 * BatchSize, accepted);
    }

    private sealed class OpenServer(IReadOnlyDictionary<string, string?> settings) : KpiServerFactory(settings);

    private static async Task<long> DialedAsync(KeyedKpiServer server, string campaign)
    {
        var answer = await new V1.KpiService.KpiServiceClient(server.Open()).QueryKpisAsync(DayOf(campaign), server.As("read"));
        return answer.Groups.Sum(group => group.Counts.Dialed);
    }

    private static V1.ImportCallsRequest Batch(string campaign, long batchId) => new() { BatchId = batchId, Calls = { CallsOf(campaign, batchId) } };

    private static V1.CallRecord[] CallsOf(string campaign, long batch, string? prefix = null) =>
        Enumerable.Range(0, BatchSize)
            .Select(i => Call($"{prefix ?? campaign}-{batch}-{i}", campaign, "op-1", V1.CallOutcome.Answered, NineAm.AddMinutes(i)))
            .ToArray();

    private static Dictionary<string, string?> Settings(int recordsPerSecond) => new()
    {
        ["Kpi:Limits:PerKey:RequestsPerSecond"] = "0",
        ["Kpi:Limits:PerKey:RecordsPerSecond"] = recordsPerSecond.ToString(CultureInfo.InvariantCulture),
    };
}
