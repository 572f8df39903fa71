using KpiGrpc.Client.Tests.Infrastructure;
using KpiGrpc.V1;
using static KpiGrpc.Client.Tests.Infrastructure.TestData;

namespace KpiGrpc.Client.Tests;

/// <summary>The recorder's three flush triggers, seen in queries of the real server.</summary>
public sealed class KpiCallRecorderIntegrationTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private static readonly TimeSpan VisibleWithin = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Never = TimeSpan.FromMinutes(10);
    private readonly KpiClient _client = new(fixture.ClientOptions());

    [Fact]
    public async Task RecordAsync_BatchSizeReached_FlushesWithoutWaitingForTheInterval()
    {
        // Arrange
        const string campaign = "by-size";
        await using var recorder = Recorder(batchSize: 5, flushInterval: Never);

        // Act
        await RecordAsync(recorder, campaign, count: 5);
        var dialed = await EventuallyAsync(() => DialedAsync(_client, campaign), n => n == 5, VisibleWithin);

        // Assert
        Assert.Equal(5, dialed);
    }

    [Fact]
    public async Task RecordAsync_FewerCallsThanBatch_FlushesAfterTheInterval()
    {
        // Arrange
        const string campaign = "by-time";
        await using var recorder = Recorder(batchSize: 1_000, flushInterval: TimeSpan.FromMilliseconds(200));

        // Act
        await RecordAsync(recorder, campaign, count: 3);
        var dialed = await EventuallyAsync(() => DialedAsync(_client, campaign), n => n == 3, VisibleWithin);

        // Assert
        Assert.Equal(3, dialed);
    }

    [Fact]
    public async Task DisposeAsync_CallsStillBuffered_FlushesThemBeforeReturning()
    {
        // Arrange
        const string campaign = "on-dispose";
        var recorder = Recorder(batchSize: 1_000, flushInterval: Never);
        await RecordAsync(recorder, campaign, count: 7);
        var beforeDispose = await DialedAsync(_client, campaign);

        // Act
        await recorder.DisposeAsync();
        var afterDispose = await DialedAsync(_client, campaign);

        // Assert
        Assert.Equal(0, beforeDispose);
        Assert.Equal(7, afterDispose);
    }

    [Fact]
    public async Task RecordAsync_InvalidCall_RaisesCallsRejectedWithTheCallAndReason()
    {
        // Arrange: an operator is required.
        const string campaign = "recorder-reject";
        var recorder = Recorder(batchSize: 1_000, flushInterval: Never);
        var rejected = new List<RejectedCall>();
        recorder.CallsRejected += (_, e) => rejected.AddRange(e.Rejected);
        var bad = Call("bad-1", campaign, operatorId: "", CallOutcome.Answered, 10);

        // Act
        await recorder.RecordAsync(Call("good-1", campaign, "op-1", CallOutcome.Answered, 10));
        await recorder.RecordAsync(bad);
        await recorder.DisposeAsync();

        // Assert
        var rejection = Assert.Single(rejected);
        Assert.Same(bad, rejection.Call);
        Assert.Equal("operator_id", rejection.Rejection.Field);
        Assert.Equal(1, await DialedAsync(_client, campaign));
    }

    public void Dispose() => _client.Dispose();

    private KpiCallRecorder Recorder(int batchSize, TimeSpan flushInterval)
    {
        var options = fixture.ClientOptions();
        options.BatchSize = batchSize;
        options.FlushInterval = flushInterval;
        return new KpiCallRecorder(_client, options);
    }

    private static async Task RecordAsync(KpiCallRecorder recorder, string campaign, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await recorder.RecordAsync(Call($"{campaign}-{i}", campaign, "op-1", CallOutcome.Answered, 10, minute: i));
        }
    }
}
